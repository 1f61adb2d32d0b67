package io.switchboard.portal.dashboard;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * The dashboards' time windows in the organization's time zone: "today" since local midnight, "the last 7 days"
 * since local midnight six days ago (today and the six days before it), "this week" since local Monday 00:00.
 * Where a day starts inside a DST gap, it starts at the first local time that exists (as
 * {@link LocalDate#atStartOfDay(ZoneId)} does).
 *
 * @param zone          the organization's zone
 * @param today         start of today
 * @param last7Days     start of the sixth day before today
 * @param week          start of this week's Monday
 */
record TimeWindows(ZoneId zone, Instant today, Instant last7Days, Instant week) {

    static TimeWindows at(Instant now, ZoneId zone) {
        LocalDate date = now.atZone(zone).toLocalDate();
        return new TimeWindows(zone, date.atStartOfDay(zone).toInstant(), date.minusDays(6).atStartOfDay(zone).toInstant(),
                date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant());
    }

    /** Named "UTC" in answers (ZoneOffset.UTC would say "Z"). */
    static final ZoneId UTC = ZoneId.of("UTC");

    /** The zone an organization's setting names; UTC when it has none or names no zone Java knows. */
    static ZoneId zoneOf(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return UTC;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException unknown) {
            return UTC;
        }
    }
}
