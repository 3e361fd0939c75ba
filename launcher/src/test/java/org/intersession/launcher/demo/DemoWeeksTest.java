package org.intersession.launcher.demo;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoWeeksTest {

    private static Map<DemoWeeks.Status, Integer> tally(DemoWeeks.Habit habit, int from, int to) {
        Map<DemoWeeks.Status, Integer> counts = new EnumMap<>(DemoWeeks.Status.class);
        for (int salt = 0; salt < 3; salt++) {
            for (int day = from; day < to; day++) {
                counts.merge(DemoWeeks.outcome(habit, day, 21, salt).status(), 1, Integer::sum);
            }
        }
        return counts;
    }

    @Test
    void threeWeeksHoldEveryKindOfOutcome() {
        Map<DemoWeeks.Status, Integer> all = new EnumMap<>(DemoWeeks.Status.class);
        for (DemoWeeks.Habit habit : DemoWeeks.Habit.values()) {
            tally(habit, 0, 21).forEach((s, n) -> all.merge(s, n, Integer::sum));
        }
        for (DemoWeeks.Status status : DemoWeeks.Status.values()) {
            assertTrue(all.getOrDefault(status, 0) > 0, status + " never happens: " + all);
        }
    }

    @Test
    void aSlippingClientDoesLessInTheLastWeekThanInTheFirst() {
        int firstWeek = tally(DemoWeeks.Habit.SLIPPING, 0, 7).getOrDefault(DemoWeeks.Status.DONE, 0);
        int lastWeek = tally(DemoWeeks.Habit.SLIPPING, 14, 21).getOrDefault(DemoWeeks.Status.DONE, 0);
        assertTrue(lastWeek < firstWeek, "first week " + firstWeek + ", last week " + lastWeek);
    }

    @Test
    void anImprovingClientFeelsBetterAtTheEnd() {
        double first = DemoWeeks.outcome(DemoWeeks.Habit.IMPROVING, 0, 21, 0).distress();
        double last = DemoWeeks.outcome(DemoWeeks.Habit.IMPROVING, 20, 21, 0).distress();
        assertTrue(last < first, first + " -> " + last);
    }

    @Test
    void aSkipAlwaysHasAReasonAndTheSameDayGivesTheSameOutcome() {
        for (DemoWeeks.Habit habit : DemoWeeks.Habit.values()) {
            for (int day = 0; day < 21; day++) {
                DemoWeeks.Outcome outcome = DemoWeeks.outcome(habit, day, 21, 1);
                if (outcome.status() == DemoWeeks.Status.SKIPPED) {
                    assertNotNull(outcome.skipReason());
                }
                assertEquals(outcome, DemoWeeks.outcome(habit, day, 21, 1));
                assertTrue(outcome.distress() >= 0 && outcome.distress() <= 1);
            }
        }
    }

    @Test
    void mostHomeworkIsDoneOnTimeAndSomeIsCaughtUpAfterTheWindowClosed() {
        Duration window = Duration.ofHours(12);
        int late = 0;
        int all = 0;
        for (DemoWeeks.Habit habit : DemoWeeks.Habit.values()) {
            for (int salt = 0; salt < 9; salt++) {
                for (int day = 0; day < 21; day++) {
                    Duration afterDue = DemoWeeks.completedAfterDue(habit, day, 21, salt);
                    assertTrue(afterDue.compareTo(window.negated()) > 0, "done before the window opened: " + afterDue);
                    assertTrue(afterDue.compareTo(Duration.ofDays(2)) < 0, "caught up too long after: " + afterDue);
                    late += afterDue.compareTo(window) > 0 ? 1 : 0;
                    all++;
                }
            }
        }
        double share = (double) late / all;
        assertTrue(share > 0.05 && share < 0.35, "late share " + share);
    }

    @Test
    void aSlippingClientIsLateMoreOftenInTheLastWeek() {
        int firstWeek = 0;
        int lastWeek = 0;
        for (int salt = 0; salt < 9; salt++) {
            for (int day = 0; day < 7; day++) {
                firstWeek += DemoWeeks.completedAfterDue(DemoWeeks.Habit.SLIPPING, day, 21, salt).toHours() >= 12 ? 1 : 0;
                lastWeek += DemoWeeks.completedAfterDue(DemoWeeks.Habit.SLIPPING, day + 14, 21, salt).toHours() >= 12 ? 1 : 0;
            }
        }
        assertTrue(lastWeek > firstWeek, "first week " + firstWeek + ", last week " + lastWeek);
    }
}
