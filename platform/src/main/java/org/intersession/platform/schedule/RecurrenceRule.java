package org.intersession.platform.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The supported subset of an RFC 5545 RRULE value (§3.3.10): FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL, BYDAY (WEEKLY, or a
 * filter for DAILY), BYHOUR, BYMINUTE, and either COUNT or UNTIL; the week starts on Monday (WKST=MO). Parsing is
 * case-insensitive like RFC 5545 §3.1 says, but otherwise strict: unknown or repeated parts, whitespace, empty parts,
 * non-ASCII characters and out-of-range numbers are refused with an {@link InvalidScheduleException} naming the part,
 * e.g. {@code rrule.BYHOUR}.
 * {@link #toString()} renders the canonical form (upper case, fixed part order, sorted lists, INTERVAL only when not 1).
 */
public final class RecurrenceRule {

    public static final int MAX_LENGTH = 500;

    public enum Frequency { DAILY, WEEKLY, MONTHLY }

    private static final String SUPPORTED = "; the supported parts are FREQ, INTERVAL, BYDAY, BYHOUR, BYMINUTE, COUNT and UNTIL";
    private static final Set<String> PARTS = Set.of("FREQ", "INTERVAL", "BYDAY", "BYHOUR", "BYMINUTE", "COUNT", "UNTIL");
    private static final Map<String, DayOfWeek> DAYS = Arrays.stream(DayOfWeek.values())
            .collect(Collectors.toUnmodifiableMap(RecurrenceRule::code, d -> d));
    private static final DateTimeFormatter UNTIL_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter UNTIL_DATE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss").withResolverStyle(ResolverStyle.STRICT);

    private final Frequency frequency;
    private final int interval;
    private final Set<DayOfWeek> byDay;
    private final List<Integer> byHour;
    private final List<Integer> byMinute;
    private final Integer count;
    private final Temporal until;
    private final String canonical;

    private RecurrenceRule(Frequency frequency, int interval, Set<DayOfWeek> byDay, List<Integer> byHour,
                           List<Integer> byMinute, Integer count, Temporal until) {
        this.frequency = frequency;
        this.interval = interval;
        this.byDay = Collections.unmodifiableSet(byDay);
        this.byHour = List.copyOf(byHour);
        this.byMinute = List.copyOf(byMinute);
        this.count = count;
        this.until = until;
        this.canonical = render();
    }

    /** Parses an RRULE value such as {@code FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR} (without the {@code RRULE:} name). */
    public static RecurrenceRule parse(String rrule) {
        if (rrule == null || rrule.isEmpty()) {
            throw new InvalidScheduleException("rrule", "is required");
        }
        if (rrule.length() > MAX_LENGTH) {
            throw new InvalidScheduleException("rrule", "must be at most " + MAX_LENGTH + " characters");
        }
        // ASCII only, so case folding cannot turn other letters into keywords (Turkish dotless i) and spaces are refused.
        if (!rrule.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new InvalidScheduleException("rrule", "must contain only ASCII letters, digits and the separators ; = ,");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : rrule.toUpperCase(Locale.ROOT).split(";", -1)) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            if (!PARTS.contains(name)) {
                // Echo the part's name in the field only when it looks like one, so junk never reaches a field path.
                if (name.matches("[A-Z-]{1,20}")) {
                    throw new InvalidScheduleException("rrule." + name, "is not supported" + SUPPORTED);
                }
                throw new InvalidScheduleException("rrule", "has an empty or malformed part" + SUPPORTED);
            }
            if (eq < 0) {
                throw new InvalidScheduleException("rrule." + name, "needs a value (NAME=VALUE)");
            }
            if (parts.putIfAbsent(name, part.substring(eq + 1)) != null) {
                throw new InvalidScheduleException("rrule." + name, "must appear only once");
            }
        }
        Frequency frequency = frequency(parts.get("FREQ"));
        int interval = parts.containsKey("INTERVAL") ? number("INTERVAL", parts.get("INTERVAL"), 1, 366) : 1;
        Set<DayOfWeek> byDay = EnumSet.noneOf(DayOfWeek.class);
        if (parts.containsKey("BYDAY")) {
            if (frequency == Frequency.MONTHLY) {
                throw new InvalidScheduleException("rrule.BYDAY", "is supported only with FREQ=WEEKLY or FREQ=DAILY");
            }
            byDay.addAll(list("BYDAY", parts.get("BYDAY"), "MO,TU,WE,TH,FR,SA,SU", RecurrenceRule::day));
        }
        List<Integer> byHour = parts.containsKey("BYHOUR") ? numbers("BYHOUR", parts.get("BYHOUR"), 23) : List.of();
        List<Integer> byMinute = parts.containsKey("BYMINUTE") ? numbers("BYMINUTE", parts.get("BYMINUTE"), 59) : List.of();
        Integer count = parts.containsKey("COUNT") ? number("COUNT", parts.get("COUNT"), 1, 1000) : null;
        if (count != null && parts.containsKey("UNTIL")) {
            // RFC 5545 §3.3.10: COUNT and UNTIL MUST NOT occur in the same rule.
            throw new InvalidScheduleException("rrule.UNTIL", "cannot be combined with COUNT");
        }
        Temporal until = parts.containsKey("UNTIL") ? until(parts.get("UNTIL")) : null;
        return new RecurrenceRule(frequency, interval, byDay, byHour, byMinute, count, until);
    }

    public Frequency frequency() {
        return frequency;
    }

    public int interval() {
        return interval;
    }

    /** Empty when BYDAY is absent; iterates Monday first. */
    public Set<DayOfWeek> byDay() {
        return byDay;
    }

    /** Sorted; empty when BYHOUR is absent. */
    public List<Integer> byHour() {
        return byHour;
    }

    /** Sorted; empty when BYMINUTE is absent. */
    public List<Integer> byMinute() {
        return byMinute;
    }

    public OptionalInt count() {
        return count == null ? OptionalInt.empty() : OptionalInt.of(count);
    }

    /**
     * The UNTIL bound as written: a {@link LocalDate} (the whole local day is included), a {@link LocalDateTime}
     * (compared with the nominal local time) or an {@link Instant} (the {@code Z} form, compared with the actual instant).
     */
    public Optional<Temporal> until() {
        return Optional.ofNullable(until);
    }

    /** The times of day each occurrence day gets: BYHOUR x BYMINUTE, the missing one taken from {@code start}. */
    List<LocalTime> timesOfDay(LocalTime start) {
        List<Integer> hours = byHour.isEmpty() ? List.of(start.getHour()) : byHour;
        List<Integer> minutes = byMinute.isEmpty() ? List.of(start.getMinute()) : byMinute;
        List<LocalTime> times = new ArrayList<>();
        for (int hour : hours) {
            for (int minute : minutes) {
                times.add(LocalTime.of(hour, minute));
            }
        }
        return times;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecurrenceRule rule && canonical.equals(rule.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return canonical;
    }

    private String render() {
        StringBuilder out = new StringBuilder("FREQ=").append(frequency);
        if (interval != 1) {
            out.append(";INTERVAL=").append(interval);
        }
        if (!byDay.isEmpty()) {
            out.append(";BYDAY=").append(byDay.stream().map(RecurrenceRule::code).collect(Collectors.joining(",")));
        }
        if (!byHour.isEmpty()) {
            out.append(";BYHOUR=").append(joined(byHour));
        }
        if (!byMinute.isEmpty()) {
            out.append(";BYMINUTE=").append(joined(byMinute));
        }
        if (count != null) {
            out.append(";COUNT=").append(count);
        }
        if (until instanceof LocalDate date) {
            out.append(";UNTIL=").append(UNTIL_DATE.format(date));
        } else if (until instanceof LocalDateTime local) {
            out.append(";UNTIL=").append(UNTIL_DATE_TIME.format(local));
        } else if (until instanceof Instant instant) {
            out.append(";UNTIL=").append(UNTIL_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC))).append('Z');
        }
        return out.toString();
    }

    private static Frequency frequency(String value) {
        if (value == null) {
            throw new InvalidScheduleException("rrule.FREQ", "is required");
        }
        return switch (value) {
            case "DAILY" -> Frequency.DAILY;
            case "WEEKLY" -> Frequency.WEEKLY;
            case "MONTHLY" -> Frequency.MONTHLY;
            default -> throw new InvalidScheduleException("rrule.FREQ", "must be DAILY, WEEKLY or MONTHLY");
        };
    }

    private static int number(String part, String value, int min, int max) {
        Integer parsed = value.matches("[0-9]{1,4}") ? Integer.valueOf(value) : null;
        if (parsed == null || parsed < min || parsed > max) {
            throw new InvalidScheduleException("rrule." + part, "must be a whole number from " + min + " to " + max);
        }
        return parsed;
    }

    private static List<Integer> numbers(String part, String value, int max) {
        return new ArrayList<>(new TreeSet<>(list(part, value, "whole numbers from 0 to " + max,
                item -> number(part, item, 0, max))));
    }

    /** A comma list without empty items or repetitions, each item converted or refused by {@code item}. */
    private static <T> List<T> list(String part, String value, String expected, Function<String, T> item) {
        List<T> items = new ArrayList<>();
        for (String text : value.split(",", -1)) {
            if (text.isEmpty()) {
                throw new InvalidScheduleException("rrule." + part, "must be a comma-separated list of " + expected);
            }
            T converted = item.apply(text);
            if (items.contains(converted)) {
                throw new InvalidScheduleException("rrule." + part, "lists " + text + " more than once");
            }
            items.add(converted);
        }
        return items;
    }

    private static DayOfWeek day(String code) {
        DayOfWeek day = DAYS.get(code);
        if (day == null) {
            throw new InvalidScheduleException("rrule.BYDAY", "must be a comma-separated list of MO,TU,WE,TH,FR,SA,SU");
        }
        return day;
    }

    private static String code(DayOfWeek day) {
        return day.name().substring(0, 2);
    }

    private static Temporal until(String value) {
        try {
            if (value.length() == 8) {
                return LocalDate.parse(value, UNTIL_DATE);
            }
            if (value.length() == 16 && value.endsWith("Z")) {
                return LocalDateTime.parse(value.substring(0, 15), UNTIL_DATE_TIME).toInstant(ZoneOffset.UTC);
            }
            return LocalDateTime.parse(value, UNTIL_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new InvalidScheduleException("rrule.UNTIL", "must be yyyyMMdd, yyyyMMddTHHmmss or yyyyMMddTHHmmssZ");
        }
    }

    private static String joined(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
