package io.switchboard.notification.inapp;

/**
 * A person's notification preference for an org (the org-wide default) or one portal of it: whether
 * notifications are pushed to their devices and whether they show in the bell and the live stream.
 */
public record Preference(boolean push, boolean inApp) {

    /** Both on: what a person gets before they set anything. */
    public static final Preference DEFAULT = new Preference(true, true);

    /** Where an effective preference comes from. */
    public enum Source { PORTAL, ORG, DEFAULT }

    /** An effective preference and where it was set. */
    public record Effective(Preference preference, Source source) {
    }

    /**
     * What applies to a notification of that portal (null: one that concerns no portal): the portal's own
     * setting wins, else the org-wide default, else both on. {@code portalOwn} and {@code orgDefault} are null
     * where the person set none.
     */
    public static Effective resolve(Preference portalOwn, Preference orgDefault) {
        if (portalOwn != null) {
            return new Effective(portalOwn, Source.PORTAL);
        }
        if (orgDefault != null) {
            return new Effective(orgDefault, Source.ORG);
        }
        return new Effective(DEFAULT, Source.DEFAULT);
    }

    /** Whether a notification under this preference is stored at all (neither on: it is not). */
    public boolean wantsAnything() {
        return push || inApp;
    }
}
