package org.intersession.platform.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Seeded random schedules for the property tests. Case i of a property is built from a seed derived from the base
 * seed, so a failing case (its index and values are in the test name) comes back on every run with the same base seed;
 * the base is fixed by default to keep CI deterministic, and {@code -Dschedule.seed=N} explores other cases.
 */
final class RandomSchedules {

    static final int TRIES = 300;
    static final long BASE_SEED = Long.getLong("schedule.seed", 20260329L);

    /** Zones whose rules changed or shift often, to meet gaps and overlaps far more often than chance would. */
    private static final List<String> DST_HEAVY = List.of("Europe/London", "Europe/Berlin", "America/New_York",
            "America/Santiago", "America/Havana", "America/Asuncion", "America/St_Johns", "Australia/Lord_Howe",
            "Pacific/Chatham", "Antarctica/Troll", "Asia/Beirut", "Asia/Tehran", "Africa/Cairo", "Europe/Dublin",
            "America/Nuuk", "Pacific/Apia", "Australia/Adelaide");
    private static final List<String> ALL_ZONES = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));
    private static final LocalDate FIRST_START = LocalDate.of(2020, 1, 1);
    private static final int START_DAYS = (int) FIRST_START.until(LocalDate.of(2035, 12, 31), ChronoUnit.DAYS);

    record Case(ZoneId zone, ScheduleSpec spec, Instant from, Instant to) {
        @Override
        public String toString() {
            return "zone=" + zone + " start=" + spec.start() + " rrule=" + spec.rule()
                    + " exdates=" + spec.excludedDates() + " range=[" + from + ", " + to + ")";
        }
    }

    private RandomSchedules() {
    }

    /** {@link #TRIES} cases, case i built from its own seed by {@code maker}. */
    static <T> Stream<T> cases(long salt, Function<Random, T> maker) {
        return IntStream.range(0, TRIES).mapToObj(i -> maker.apply(new Random(BASE_SEED * 31 + salt * 1_000_003L + i)));
    }

    /** Any supported rule, with a range around its start that holds at most a few hundred occurrences. */
    static Case anySchedule(Random random) {
        ZoneId zone = zone(random);
        LocalDateTime start = start(random, zone);
        ScheduleSpec spec = new ScheduleSpec(start, RecurrenceRule.parse(rrule(random, start, Ending.ANY)),
                excludedDates(random, start), window(random), window(random));
        Instant from = start.atZone(zone).toInstant().plus(Duration.ofMinutes(random.nextInt(60 * 24 * 15) - 60 * 24 * 5));
        Instant to = from.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 120)));
        return new Case(zone, spec, from, to);
    }

    static ZoneId zone(Random random) {
        List<String> pool = random.nextBoolean() ? DST_HEAVY : ALL_ZONES;
        return ZoneId.of(pool.get(random.nextInt(pool.size())));
    }

    /**
     * A whole-minute start in 2020-2035, half the time in the small hours; half the time it is a local time that
     * a DST transition of the zone skips or repeats, a few days before that transition, so daily rules run into it.
     */
    static LocalDateTime start(Random random, ZoneId zone) {
        int hour = random.nextBoolean() ? random.nextInt(4) : random.nextInt(24);
        int minute = random.nextBoolean() ? 15 * random.nextInt(4) : random.nextInt(60);
        LocalDateTime start = FIRST_START.plusDays(random.nextInt(START_DAYS + 1)).atTime(hour, minute);
        ZoneOffsetTransition transition = zone.getRules().nextTransition(start.atZone(zone).toInstant());
        if (random.nextBoolean() || transition == null || transition.getDateTimeBefore().getYear() > 2035) {
            return start;
        }
        LocalDateTime edge = transition.isGap() ? transition.getDateTimeBefore() : transition.getDateTimeAfter();
        return edge.plusMinutes(random.nextLong(Math.abs(transition.getDuration().toMinutes())))
                .minusDays(random.nextInt(10)).truncatedTo(ChronoUnit.MINUTES);
    }

    enum Ending { ANY, COUNT, UNTIL }

    static String rrule(Random random, LocalDateTime start, Ending ending) {
        String frequency = List.of("DAILY", "WEEKLY", "MONTHLY").get(random.nextInt(3));
        StringBuilder rule = new StringBuilder("FREQ=").append(frequency);
        if (random.nextBoolean()) {
            rule.append(";INTERVAL=").append(1 + random.nextInt(3));
        }
        if (!frequency.equals("MONTHLY") && random.nextInt(3) == 0) {
            rule.append(";BYDAY=").append(String.join(",", subset(random, 7, 4, i -> DayOfWeek.of(i + 1).name().substring(0, 2))));
        }
        if (random.nextInt(3) == 0) {
            rule.append(";BYHOUR=").append(String.join(",", subset(random, 24, 3, String::valueOf)));
        }
        if (random.nextInt(4) == 0) {
            rule.append(";BYMINUTE=").append(String.join(",", subset(random, 60, 2, String::valueOf)));
        }
        switch (ending == Ending.ANY ? random.nextInt(3) : ending.ordinal() - 1) {
            case 0 -> rule.append(";COUNT=").append(1 + random.nextInt(60));
            case 1 -> rule.append(";UNTIL=").append(until(random, start));
            default -> { }
        }
        return rule.toString();
    }

    static String until(Random random, LocalDateTime start) {
        LocalDateTime until = start.plusMinutes(random.nextInt(60 * 24 * 200));
        return switch (random.nextInt(3)) {
            case 0 -> DateTimeFormatter.BASIC_ISO_DATE.format(until.toLocalDate());
            case 1 -> DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss").format(until);
            default -> DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").format(until.atOffset(ZoneOffset.UTC));
        };
    }

    /** Up to five dates, most of them close to start so that they hit instances. */
    static List<LocalDate> excludedDates(Random random, LocalDateTime start) {
        List<LocalDate> dates = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            dates.add(start.toLocalDate().plusDays(random.nextInt(random.nextInt(4) == 0 ? 400 : 40)));
        }
        return dates;
    }

    static Duration window(Random random) {
        return random.nextInt(4) == 0 ? null : Duration.ofMinutes(random.nextInt(60 * 24 * 7 + 1));
    }

    static Instant instant(LocalDateTime local, ZoneId zone) {
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    private static List<String> subset(Random random, int size, int most, IntFunction<String> name) {
        TreeSet<Integer> picked = new TreeSet<>();
        for (int i = 1 + random.nextInt(most); i > 0; i--) {
            picked.add(random.nextInt(size));
        }
        return picked.stream().map(name::apply).toList();
    }
}
