package org.intersession.progress.adherence;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/**
 * How homework was kept over a range. {@code expected} counts the occurrences whose window has closed (plus any
 * still open that already have an entry); {@code missed} those of them without any entry. {@code completionRate}
 * is done / expected, with a partial counting half; {@code onTimeRate} is the share of entries made before their
 * window closed. A streak is a run of consecutive expected occurrences that were done or partly done.
 */
public record Adherence(
        int expected,
        int done,
        int partial,
        int skipped,
        int missed,
        double completionRate,
        double onTimeRate,
        int currentStreak,
        int longestStreak,
        int missedInARow,
        List<Week> weeks) {

    /** One ISO week (starting Monday, in the client's time zone) of the same counts. */
    @Schema(name = "AdherenceWeek")
    public record Week(LocalDate weekStart, int expected, int done, int partial, int skipped, int missed, double completionRate) {
    }
}
