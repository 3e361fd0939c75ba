package org.intersession.launcher.demo;

import java.time.Duration;

/**
 * What a demo client did with each occurrence of their homework: mostly done, some skipped with a reason, some
 * missed, and a mood that moves over the weeks, so adherence, trends and the caseload show something at once.
 * Deterministic, so two seeded clinics look alike.
 */
public final class DemoWeeks {

    /** How a demo client keeps their homework. */
    public enum Habit {
        /** Nearly everything, getting better. */
        STEADY,
        /** A rough start, then nearly everything. */
        IMPROVING,
        /** A good start, then skipping and missing in the last week: the caseload puts them first. */
        SLIPPING
    }

    public enum Status { DONE, PARTIAL, SKIPPED, MISSED }

    /**
     * @param distress 0 (calm) to 1 (as bad as it gets), for ratings and scale answers
     * @param skipReason a SkipReason name when SKIPPED
     */
    public record Outcome(Status status, double distress, String skipReason, String skipReasonText) {
    }

    private DemoWeeks() {
    }

    /**
     * @param day   0 for the first day of the period, up to {@code days - 1} for the last
     * @param days  the length of the period
     * @param salt  varies the pattern between a client's assignments
     */
    public static Outcome outcome(Habit habit, int day, int days, int salt) {
        double progress = days <= 1 ? 1 : (double) day / (days - 1);
        int dice = Math.floorMod((day + 3) * 7919 + salt * 104_729, 100);
        return switch (habit) {
            case STEADY -> dice < 6 ? skipped(0.5, "NO_TIME", "Late shift at work.")
                    : dice < 10 ? missed(0.5)
                    : dice < 18 ? new Outcome(Status.PARTIAL, 0.6 - 0.3 * progress, null, null)
                    : done(0.65 - 0.4 * progress);
            case IMPROVING -> progress < 0.35
                    ? (dice < 30 ? missed(0.8) : dice < 45 ? skipped(0.8, "TOO_DIFFICULT", "It brought up too much.") : done(0.75))
                    : (dice < 8 ? skipped(0.5, "FORGOT", null) : done(0.7 - 0.45 * progress));
            case SLIPPING -> progress < 0.6
                    ? (dice < 8 ? missed(0.4) : done(0.35 + 0.1 * progress))
                    : (dice < 35 ? missed(0.7) : dice < 60 ? skipped(0.7, "FELT_UNWELL", "Bad week, stayed in bed.") : done(0.6 + 0.2 * progress));
        };
    }

    /**
     * When the client did it (or decided to skip), from the occurrence's due time: mostly within an hour or two of
     * it, some caught up the next day, after the 12-hour window had closed. Who keeps their homework badly is late
     * more often: an improving client at first, a slipping one at the end.
     */
    public static Duration completedAfterDue(Habit habit, int day, int days, int salt) {
        double progress = days <= 1 ? 1 : (double) day / (days - 1);
        int dice = Math.floorMod((day + 11) * 6_271 + salt * 15_485_863, 100);
        int latePercent = switch (habit) {
            case STEADY -> 8;
            case IMPROVING -> progress < 0.35 ? 35 : 10;
            case SLIPPING -> progress < 0.6 ? 5 : 40;
        };
        if (dice < latePercent) {
            return Duration.ofHours(14).plusMinutes(dice * 37L % 600);
        }
        return Duration.ofMinutes(-60 + dice * 53L % 210);
    }

    private static Outcome done(double distress) {
        return new Outcome(Status.DONE, clamp(distress), null, null);
    }

    private static Outcome missed(double distress) {
        return new Outcome(Status.MISSED, clamp(distress), null, null);
    }

    private static Outcome skipped(double distress, String reason, String text) {
        return new Outcome(Status.SKIPPED, clamp(distress), reason, text);
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
