package io.switchboard.portal.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeWindowsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void today_startsAtLocalMidnight_notAtUtcMidnight() {
        // 23:30 UTC on Wednesday 2026-12-02 is already Thursday 00:30 in Berlin
        TimeWindows berlin = TimeWindows.at(Instant.parse("2026-12-02T23:30:00Z"), BERLIN);
        assertThat(berlin.today()).isEqualTo(Instant.parse("2026-12-02T23:00:00Z"));

        // ... and still Wednesday 18:30 in New York
        TimeWindows newYork = TimeWindows.at(Instant.parse("2026-12-02T23:30:00Z"), NEW_YORK);
        assertThat(newYork.today()).isEqualTo(Instant.parse("2026-12-02T05:00:00Z"));
    }

    @Test
    void last7Days_areTodayAndTheSixDaysBefore_fromLocalMidnight() {
        TimeWindows utc = TimeWindows.at(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
        assertThat(utc.last7Days()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
    }

    @Test
    void week_startsOnLocalMonday_andMondayItselfIsItsOwnWeek() {
        // Thursday 2026-12-03
        assertThat(TimeWindows.at(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC).week()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        // Monday 00:00 exactly starts a new week
        assertThat(TimeWindows.at(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC).week()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        // Sunday 23:59:59 still belongs to the week before
        assertThat(TimeWindows.at(Instant.parse("2026-11-29T23:59:59Z"), ZoneOffset.UTC).week()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        // Sunday 23:30 UTC is Monday 00:30 in Berlin: Berlin's week has begun, UTC's has not
        assertThat(TimeWindows.at(Instant.parse("2026-11-29T23:30:00Z"), BERLIN).week()).isEqualTo(Instant.parse("2026-11-29T23:00:00Z"));
    }

    @Test
    void dstDays_startAtTheirLocalMidnight_andTheWindowsSpanTheShiftedHours() {
        // Berlin springs forward on Sunday 2026-03-29 (02:00 -> 03:00): that day is 23 hours long
        TimeWindows springDay = TimeWindows.at(Instant.parse("2026-03-29T12:00:00Z"), BERLIN);
        assertThat(springDay.today()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z")); // midnight CET (+01:00)
        TimeWindows dayAfter = TimeWindows.at(Instant.parse("2026-03-30T12:00:00Z"), BERLIN);
        assertThat(dayAfter.today()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z")); // midnight CEST (+02:00)
        assertThat(dayAfter.week()).isEqualTo(dayAfter.today()); // a Monday
        assertThat(dayAfter.last7Days()).isEqualTo(Instant.parse("2026-03-23T23:00:00Z")); // six days before, still CET

        // New York falls back on Sunday 2026-11-01: local midnight is 04:00 UTC (EDT), the next one 05:00 UTC (EST)
        assertThat(TimeWindows.at(Instant.parse("2026-11-01T20:00:00Z"), NEW_YORK).today()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
        assertThat(TimeWindows.at(Instant.parse("2026-11-02T20:00:00Z"), NEW_YORK).today()).isEqualTo(Instant.parse("2026-11-02T05:00:00Z"));
    }

    @Test
    void aDayWithoutMidnight_startsAtItsFirstLocalTime() {
        // Chile (America/Santiago) moved clocks forward at 00:00 on 2026-09-06: that day starts at 01:00 local (-03:00)
        TimeWindows santiago = TimeWindows.at(Instant.parse("2026-09-06T15:00:00Z"), ZoneId.of("America/Santiago"));
        assertThat(santiago.today().atZone(ZoneId.of("America/Santiago")).toLocalTime().getHour()).isEqualTo(1);
    }

    @Test
    void zoneOf_fallsBackToUtc_forNoneOrAnUnknownZone() {
        assertThat(TimeWindows.zoneOf(null).getId()).isEqualTo("UTC");
        assertThat(TimeWindows.zoneOf(" ").getId()).isEqualTo("UTC");
        assertThat(TimeWindows.zoneOf("Mars/Olympus").getId()).isEqualTo("UTC");
        assertThat(TimeWindows.zoneOf("Europe/Berlin")).isEqualTo(BERLIN);
    }
}
