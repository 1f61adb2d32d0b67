package io.switchboard.org.access;

/** A membership's state. A REMOVED row stays, so the history keeps its names. */
public enum MemberStatus {
    ACTIVE, DEACTIVATED, REMOVED
}
