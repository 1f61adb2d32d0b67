package io.switchboard.org.organization;

/**
 * Plans and their agent seats (seed 003: Free Trial 1, Growth 5, Scale 10, Enterprise configurable). Who
 * takes a seat: active members and pending invitations whose role is not VIEWER, except the primary owner.
 */
public enum Plan {
    FREE_TRIAL(1), GROWTH(5), SCALE(10), ENTERPRISE(25);

    /** The most seats an operator or the billing integration may set. */
    public static final int MAX_SEATS = 100_000;

    private final int defaultSeats;

    Plan(int defaultSeats) {
        this.defaultSeats = defaultSeats;
    }

    public int defaultSeats() {
        return defaultSeats;
    }

    /** The seats an operator or billing asked for, else the plan's own. */
    public int seats(Integer requested) {
        return requested != null ? requested : defaultSeats;
    }
}
