package org.intersession.progress.adherence;

import org.intersession.platform.schedule.Occurrence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Pure arithmetic over an assignment's occurrences and the entries logged for them. */
public final class AdherenceCalculator {

    /** What adherence needs of an entry. */
    public record Logged(String status, boolean late) {
    }

    private AdherenceCalculator() {
    }

    /**
     * @param occurrences the occurrences in the range, in order
     * @param entries     entries by occurrence key
     * @param now         occurrences whose window is still open count only if they already have an entry
     */
    public static Adherence compute(List<Occurrence> occurrences, Map<String, Logged> entries, Instant now, ZoneId zone) {
        Counter total = new Counter();
        Map<LocalDate, Counter> weeks = new TreeMap<>();
        int streak = 0;
        int longest = 0;
        int missedInARow = 0;
        for (Occurrence occurrence : occurrences) {
            Logged logged = entries.get(occurrence.key());
            boolean closed = !occurrence.windowEnd().isAfter(now);
            if (!closed && logged == null) {
                continue;
            }
            LocalDate week = occurrence.localDueAt().toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            Counter weekly = weeks.computeIfAbsent(week, w -> new Counter());
            String outcome = logged == null ? "MISSED" : logged.status();
            total.add(outcome, logged != null && logged.late());
            weekly.add(outcome, logged != null && logged.late());
            if (outcome.equals("DONE") || outcome.equals("PARTIAL")) {
                streak++;
                longest = Math.max(longest, streak);
            } else {
                streak = 0;
            }
            missedInARow = outcome.equals("MISSED") ? missedInARow + 1 : 0;
        }
        List<Adherence.Week> series = new ArrayList<>();
        weeks.forEach((start, c) -> series.add(new Adherence.Week(start, c.expected, c.done, c.partial, c.skipped, c.missed, c.completionRate())));
        return new Adherence(total.expected, total.done, total.partial, total.skipped, total.missed, total.completionRate(),
                total.onTimeRate(), streak, longest, missedInARow, series);
    }

    /** Adds up several assignments' adherence for one client (streaks: the best of them). */
    public static Adherence combine(List<Adherence> parts) {
        Counter total = new Counter();
        int current = 0;
        int longest = 0;
        int missedInARow = 0;
        Map<LocalDate, Counter> weeks = new TreeMap<>();
        int onTime = 0;
        for (Adherence a : parts) {
            total.expected += a.expected();
            total.done += a.done();
            total.partial += a.partial();
            total.skipped += a.skipped();
            total.missed += a.missed();
            onTime += Math.round(a.onTimeRate() * (a.done() + a.partial() + a.skipped()));
            current = Math.max(current, a.currentStreak());
            longest = Math.max(longest, a.longestStreak());
            missedInARow = Math.max(missedInARow, a.missedInARow());
            for (Adherence.Week w : a.weeks()) {
                Counter c = weeks.computeIfAbsent(w.weekStart(), k -> new Counter());
                c.expected += w.expected();
                c.done += w.done();
                c.partial += w.partial();
                c.skipped += w.skipped();
                c.missed += w.missed();
            }
        }
        int logged = total.done + total.partial + total.skipped;
        List<Adherence.Week> series = new ArrayList<>();
        weeks.forEach((start, c) -> series.add(new Adherence.Week(start, c.expected, c.done, c.partial, c.skipped, c.missed, c.completionRate())));
        return new Adherence(total.expected, total.done, total.partial, total.skipped, total.missed, total.completionRate(),
                logged == 0 ? 0 : round((double) onTime / logged), current, longest, missedInARow, series);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static final class Counter {
        int expected;
        int done;
        int partial;
        int skipped;
        int missed;
        int onTime;

        void add(String outcome, boolean late) {
            expected++;
            switch (outcome) {
                case "DONE" -> done++;
                case "PARTIAL" -> partial++;
                case "SKIPPED" -> skipped++;
                default -> missed++;
            }
            if (!outcome.equals("MISSED") && !late) {
                onTime++;
            }
        }

        double completionRate() {
            return expected == 0 ? 0 : round((done + partial / 2.0) / expected);
        }

        double onTimeRate() {
            int logged = done + partial + skipped;
            return logged == 0 ? 0 : round((double) onTime / logged);
        }
    }
}
