package io.switchboard.notification.inapp;

import java.util.List;
import java.util.UUID;

/** Response bodies of the notification API. */
final class Views {

    private Views() {
    }

    /** A page of the list, newest first; {@code nextBefore}: pass as {@code before} for the next page (null: no more). */
    record Page(List<Notification> items, Long nextBefore) {
    }

    record UnreadCount(UUID orgId, UUID portalId, long unread) {
    }

    record MarkedRead(UUID orgId, UUID portalId, long marked) {
    }

    /** {@code source}: where the effective setting comes from: PORTAL (its own), ORG (the org-wide default), DEFAULT (none set: both on). */
    record Preferences(UUID orgId, UUID portalId, boolean push, boolean inApp, Preference.Source source) {
    }

    /** The body of PUT /api/me/notification-preferences; both are required. */
    record PreferencesRequest(Boolean push, Boolean inApp) {
    }
}
