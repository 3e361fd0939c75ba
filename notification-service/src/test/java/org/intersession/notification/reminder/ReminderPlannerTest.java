package org.intersession.notification.reminder;

import org.intersession.platform.event.assignment.ReminderPolicy;
import org.intersession.platform.schedule.ScheduleSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReminderPlannerTest {

    private static final ReminderPolicy HOUR_BEFORE = new ReminderPolicy(true, 60, 3);
    private static final ReminderPlanner.QuietHours NONE = new ReminderPlanner.QuietHours(null, null);
    private final ReminderPlanner planner = new ReminderPlanner();

    @Test
    void aDaily0800ReminderStaysAt0700LocalAcrossBothBerlinDstChanges() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ScheduleSpec daily = ScheduleSpec.recurring(LocalDateTime.parse("2026-03-27T08:00"), "FREQ=DAILY", List.of());
        assertEquals(List.of("2026-03-28T06:00:00Z", "2026-03-29T05:00:00Z", "2026-03-30T05:00:00Z"),
                sendTimes(planner.plan(daily, berlin, HOUR_BEFORE, NONE, Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-31T00:00:00Z"))));
        ScheduleSpec autumn = ScheduleSpec.recurring(LocalDateTime.parse("2026-10-23T08:00"), "FREQ=DAILY", List.of());
        assertEquals(List.of("2026-10-24T05:00:00Z", "2026-10-25T06:00:00Z", "2026-10-26T06:00:00Z"),
                sendTimes(planner.plan(autumn, berlin, HOUR_BEFORE, NONE, Instant.parse("2026-10-24T00:00:00Z"), Instant.parse("2026-10-27T00:00:00Z"))));
    }

    @Test
    void aDaily0800ReminderStaysAt0700LocalAcrossBothNewYorkDstChanges() {
        ZoneId newYork = ZoneId.of("America/New_York");
        ScheduleSpec daily = ScheduleSpec.recurring(LocalDateTime.parse("2026-03-06T08:00"), "FREQ=DAILY", List.of());
        assertEquals(List.of("2026-03-07T12:00:00Z", "2026-03-08T11:00:00Z", "2026-03-09T11:00:00Z"),
                sendTimes(planner.plan(daily, newYork, HOUR_BEFORE, NONE, Instant.parse("2026-03-07T00:00:00Z"), Instant.parse("2026-03-10T00:00:00Z"))));
        ScheduleSpec autumn = ScheduleSpec.recurring(LocalDateTime.parse("2026-10-30T08:00"), "FREQ=DAILY", List.of());
        assertEquals(List.of("2026-10-31T11:00:00Z", "2026-11-01T12:00:00Z", "2026-11-02T12:00:00Z"),
                sendTimes(planner.plan(autumn, newYork, HOUR_BEFORE, NONE, Instant.parse("2026-10-31T00:00:00Z"), Instant.parse("2026-11-03T00:00:00Z"))));
    }

    @Test
    void aReminderInsideQuietHoursMovesToTheirEnd() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ScheduleSpec early = ScheduleSpec.recurring(LocalDateTime.parse("2026-06-01T08:00"), "FREQ=DAILY;COUNT=1", List.of());
        ReminderPlanner.QuietHours night = new ReminderPlanner.QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 30));
        // 07:00 local is quiet, so 07:30 local (05:30Z in summer)
        assertEquals(List.of("2026-06-01T05:30:00Z"),
                sendTimes(planner.plan(early, berlin, HOUR_BEFORE, night, Instant.parse("2026-05-31T00:00:00Z"), Instant.parse("2026-06-02T00:00:00Z"))));
        // a reminder at 23:00 in 22:00-07:00 quiet hours moves to 07:00 the next morning
        ScheduleSpec late = ScheduleSpec.oneOff(LocalDateTime.parse("2026-06-02T00:00")).withWindow(null, java.time.Duration.ofHours(12));
        ReminderPlanner.QuietHours wrap = new ReminderPlanner.QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
        assertEquals(List.of("2026-06-02T05:00:00Z"),
                sendTimes(planner.plan(late, berlin, HOUR_BEFORE, wrap, Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-03T00:00:00Z"))));
    }

    @Test
    void quietHoursAreReadInTheirOwnZoneWhenItDiffersFromTheSchedules() {
        // a Berlin schedule, quiet hours 06:00-06:30 in London: 07:00 Berlin is 06:00 London, so 06:30 London (05:30Z)
        ScheduleSpec early = ScheduleSpec.recurring(LocalDateTime.parse("2026-06-01T08:00"), "FREQ=DAILY;COUNT=1", List.of());
        ReminderPlanner.QuietHours london = new ReminderPlanner.QuietHours(LocalTime.of(6, 0), LocalTime.of(6, 30), ZoneId.of("Europe/London"));
        assertEquals(List.of("2026-06-01T05:30:00Z"),
                sendTimes(planner.plan(early, ZoneId.of("Europe/Berlin"), HOUR_BEFORE, london,
                        Instant.parse("2026-05-31T00:00:00Z"), Instant.parse("2026-06-02T00:00:00Z"))));
    }

    @Test
    void remindersAreCappedPerDayAndCanBeSwitchedOff() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ScheduleSpec hourly = ScheduleSpec.recurring(LocalDateTime.parse("2026-06-01T09:00"), "FREQ=DAILY;BYHOUR=9,11,13,15,17", List.of());
        assertEquals(2, planner.plan(hourly, berlin, new ReminderPolicy(true, 30, 2), NONE,
                Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-01T22:00:00Z")).size());
        assertEquals(0, planner.plan(hourly, berlin, new ReminderPolicy(false, 30, 2), NONE,
                Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-01T22:00:00Z")).size());
    }

    private static List<String> sendTimes(List<ReminderPlanner.Planned> planned) {
        return planned.stream().map(p -> p.sendAt().toString()).toList();
    }
}
