package io.switchboard.org.organization;

/** Plans and their seats: active non-VIEWER members plus pending non-VIEWER invitations take seats. */
public enum Plan {
    FREE_TRIAL(1), GROWTH(5), SCALE(10), ENTERPRISE(25);

    private final int defaultSeats;

    Plan(int defaultSeats) {
        this.defaultSeats = defaultSeats;
    }

    /** ENTERPRISE's seat count is configurable; the others are fixed. */
    public int seats(Integer requested) {
        return this == ENTERPRISE && requested != null ? requested : defaultSeats;
    }
}
