package org.intersession.progress.occurrence;

/**
 * What became of an occurrence. An entry decides it whenever there is one (an occurrence missed and logged late is
 * LOGGED); without one, the time does: UPCOMING until its window opens, OPEN while it is open, MISSED once it has
 * closed, and CANCELLED if the assignment was cancelled before it closed.
 */
public enum OccurrenceOutcome {
    UPCOMING,
    OPEN,
    /** An entry says it was done or partly done: see {@code entryStatus}. */
    LOGGED,
    SKIPPED,
    MISSED,
    CANCELLED
}
