package io.switchboard.routing.leadstatus;

/** What a lead status means: still open, or closed as won or lost (WON and LOST close the lead). */
public enum LeadOutcome {
    OPEN, WON, LOST;

    public boolean closes() {
        return this != OPEN;
    }
}
