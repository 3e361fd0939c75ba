package org.intersession.platform.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns a {@link ScheduleSpec} into {@link Occurrence}s in an IANA zone. Pure and deterministic (no clock, no I/O), so
 * every service expanding the same schedule gets the same keys and instants. Results are ordered by {@code dueAt}, then
 * by nominal local time: two occurrences share a {@code dueAt} only when a nominal time in a DST gap is pushed onto
 * another nominal time of the schedule. {@link #expand} refuses a range holding more than {@value #MAX_OCCURRENCES}
 * occurrences with an {@link IllegalArgumentException}: callers page through time instead.
 */
public final class OccurrenceExpander {

    public static final int MAX_OCCURRENCES = 2000;

    // No tzdb transition moves local time by more than about a day (Samoa 2011, Alaska 1867), so a nominal local
    // time further than this outside a range's local bounds cannot happen inside the range.
    private static final Duration SLACK = Duration.ofDays(3);
    // The Gregorian calendar repeats every 400 years; a rule without an instance for that long never has another.
    private static final int HORIZON_YEARS = 400;
    private static final LocalDateTime FIRST = LocalDateTime.of(1, 1, 1, 0, 0);
    private static final LocalDateTime LAST = LocalDateTime.of(9999, 12, 31, 23, 59);
    private static final DateTimeFormatter KEY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm").withResolverStyle(ResolverStyle.STRICT);
    private static final Comparator<Occurrence> ORDER =
            Comparator.comparing(Occurrence::dueAt).thenComparing(Occurrence::localDueAt);

    /** The occurrences due in {@code [from, to)}; more than {@value #MAX_OCCURRENCES} is an IllegalArgumentException. */
    public List<Occurrence> expand(ScheduleSpec spec, ZoneId zone, Instant from, Instant to) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(zone, "zone");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
        List<Occurrence> found = new ArrayList<>();
        forEachInstance(spec, zone, lowerBound(from, zone), upperBound(to, zone), occurrence -> {
            if (!occurrence.dueAt().isBefore(from) && occurrence.dueAt().isBefore(to)) {
                if (found.size() == MAX_OCCURRENCES) {
                    throw new IllegalArgumentException("More than " + MAX_OCCURRENCES + " occurrences between "
                            + from + " and " + to + "; narrow the range");
                }
                found.add(occurrence);
            }
            return true;
        });
        found.sort(ORDER);
        return List.copyOf(found);
    }

    /** The first occurrence due strictly after {@code after}, if the schedule has one. */
    public Optional<Occurrence> next(ScheduleSpec spec, ZoneId zone, Instant after) {
        Objects.requireNonNull(spec, "spec");
        LocalDateTime lower = lowerBound(after, zone);
        LocalDateTime base = lower.isAfter(spec.start()) ? lower : spec.start();
        LocalDateTime upper = min(base.plusYears(HORIZON_YEARS), LAST);
        Occurrence[] best = new Occurrence[1];
        forEachInstance(spec, zone, lower, upper, occurrence -> {
            if (best[0] != null && occurrence.localDueAt().isAfter(best[0].localDueAt().plus(SLACK))) {
                return false;
            }
            if (occurrence.dueAt().isAfter(after) && (best[0] == null || ORDER.compare(occurrence, best[0]) < 0)) {
                best[0] = occurrence;
            }
            return true;
        });
        return Optional.ofNullable(best[0]);
    }

    /** The occurrence with this key, if the schedule has it; a malformed key is simply not found. */
    public Optional<Occurrence> find(ScheduleSpec spec, ZoneId zone, String key) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(zone, "zone");
        LocalDateTime nominal;
        try {
            nominal = LocalDateTime.parse(key, KEY);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        Occurrence[] match = new Occurrence[1];
        forEachInstance(spec, zone, nominal, nominal, occurrence -> {
            match[0] = occurrence.key().equals(key) ? occurrence : null;
            return match[0] == null;
        });
        return Optional.ofNullable(match[0]);
    }

    /**
     * Visits the schedule's instances whose nominal local time is in {@code [lower, upper]}, in nominal order, until
     * the visitor returns false. Everything that decides whether an instance exists happens here, once for all callers.
     */
    private static void forEachInstance(ScheduleSpec spec, ZoneId zone, LocalDateTime lower, LocalDateTime upper,
                                        Predicate<Occurrence> visitor) {
        LocalDateTime start = spec.start();
        RecurrenceRule rule = spec.rule();
        if (rule == null) {
            if (!start.isBefore(lower) && !start.isAfter(upper)) {
                visitor.test(occurrence(spec, zone, start));
            }
            return;
        }
        Temporal until = rule.until().orElse(null);
        if (until instanceof Instant instant) {
            upper = min(upper, upperBound(instant, zone));
        }
        ChronoUnit unit = switch (rule.frequency()) {
            case DAILY -> ChronoUnit.DAYS;
            case WEEKLY -> ChronoUnit.WEEKS;
            case MONTHLY -> ChronoUnit.MONTHS;
        };
        LocalDate anchor = switch (rule.frequency()) {
            case DAILY -> start.toLocalDate();
            // RFC 5545 §3.3.10 WKST: weeks start on Monday, and INTERVAL counts weeks from the week of start.
            case WEEKLY -> start.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> start.toLocalDate().withDayOfMonth(1);
        };
        long limit = rule.count().isPresent() ? rule.count().getAsInt() : Long.MAX_VALUE;
        // RFC 5545 §3.3.10 COUNT numbers the instances from the start, so only a rule without COUNT may skip ahead.
        long period = limit == Long.MAX_VALUE && lower.isAfter(start)
                ? unit.between(anchor, lower.toLocalDate()) / rule.interval() : 0;
        List<LocalTime> times = rule.timesOfDay(start.toLocalTime());
        long generated = 0;
        for (; ; period++) {
            LocalDate periodStart = anchor.plus(period * rule.interval(), unit);
            if (periodStart.atStartOfDay().isAfter(upper)) {
                return;
            }
            for (LocalDate day : days(rule, periodStart, start.toLocalDate())) {
                for (LocalTime time : times) {
                    LocalDateTime nominal = day.atTime(time);
                    if (nominal.isBefore(start)) {
                        continue;
                    }
                    if (nominal.isAfter(upper) || !withinLocalUntil(until, nominal) || generated++ == limit) {
                        return;
                    }
                    // RFC 5545 §3.8.5.1: EXDATE removes instances after COUNT has been applied, so it is checked only now.
                    if (nominal.isBefore(lower) || Collections.binarySearch(spec.excludedDates(), day) >= 0) {
                        continue;
                    }
                    Occurrence occurrence = occurrence(spec, zone, nominal);
                    if (until instanceof Instant instant && occurrence.dueAt().isAfter(instant)) {
                        continue;
                    }
                    if (!visitor.test(occurrence)) {
                        return;
                    }
                }
            }
        }
    }

    /** The candidate days of one period, in order. */
    private static List<LocalDate> days(RecurrenceRule rule, LocalDate periodStart, LocalDate startDate) {
        return switch (rule.frequency()) {
            // RFC 5545 §3.3.10: BYDAY limits a DAILY rule.
            case DAILY -> rule.byDay().isEmpty() || rule.byDay().contains(periodStart.getDayOfWeek())
                    ? List.of(periodStart) : List.of();
            case WEEKLY -> (rule.byDay().isEmpty() ? Set.of(startDate.getDayOfWeek()) : rule.byDay()).stream()
                    .map(day -> periodStart.plusDays(day.getValue() - 1L)).sorted().toList();
            // RFC 5545 §3.3.10: an instance on an invalid date (the 31st of a 30-day month) is ignored, not moved.
            case MONTHLY -> startDate.getDayOfMonth() <= periodStart.lengthOfMonth()
                    ? List.of(periodStart.withDayOfMonth(startDate.getDayOfMonth())) : List.of();
        };
    }

    private static boolean withinLocalUntil(Temporal until, LocalDateTime nominal) {
        if (until instanceof LocalDate date) {
            return !nominal.toLocalDate().isAfter(date);
        }
        return !(until instanceof LocalDateTime local) || !nominal.isAfter(local);
    }

    private static Occurrence occurrence(ScheduleSpec spec, ZoneId zone, LocalDateTime nominal) {
        // RFC 5545 §3.3.5: a local time in a gap takes the offset from before the gap (so it moves later by the gap's
        // length), an ambiguous one its first occurrence; ZonedDateTime.ofLocal without a preferred offset does both.
        Instant dueAt = ZonedDateTime.ofLocal(nominal, zone, null).toInstant();
        return new Occurrence(KEY.format(nominal), nominal, dueAt,
                dueAt.minus(spec.windowBefore()), dueAt.plus(spec.windowAfter()));
    }

    private static LocalDateTime lowerBound(Instant instant, ZoneId zone) {
        return instant.isBefore(FIRST.plusDays(7).toInstant(ZoneOffset.UTC))
                ? FIRST : LocalDateTime.ofInstant(instant, zone).minus(SLACK);
    }

    private static LocalDateTime upperBound(Instant instant, ZoneId zone) {
        return instant.isAfter(LAST.minusDays(7).toInstant(ZoneOffset.UTC))
                ? LAST : min(LocalDateTime.ofInstant(instant, zone).plus(SLACK), LAST);
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }
}
