package org.intersession.platform.schedule;

import org.intersession.platform.schedule.RandomSchedules.Case;
import org.intersession.platform.schedule.RandomSchedules.Ending;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.intersession.platform.schedule.RandomSchedules.cases;
import static org.intersession.platform.schedule.RandomSchedules.instant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties over random zones (DST-heavy ones and any of {@link ZoneId#getAvailableZoneIds()}), start dates in
 * 2020-2035 and rules; {@value RandomSchedules#TRIES} seeded cases each (see {@link RandomSchedules}).
 */
class OccurrenceExpanderPropertiesTest {

    private static final String NAME = "[{index}] {0}";
    private final OccurrenceExpander expander = new OccurrenceExpander();

    static Stream<Arguments> dailyPractice() {
        return cases(1, random -> {
            ZoneId zone = RandomSchedules.zone(random);
            LocalDateTime start = RandomSchedules.start(random, zone);
            LocalDate firstDay = start.toLocalDate().plusDays(random.nextInt(4));
            int days = 1 + random.nextInt(100);
            LocalTime time = start.toLocalTime();
            Case daily = new Case(zone, ScheduleSpec.recurring(start, "FREQ=DAILY", List.of()),
                    instant(firstDay.atTime(time), zone), instant(firstDay.plusDays(days).atTime(time), zone));
            return Arguments.of(daily, firstDay, days);
        });
    }

    static Stream<Case> anySchedule() {
        return cases(2, RandomSchedules::anySchedule);
    }

    static Stream<Case> withCount() {
        return cases(3, random -> withEnding(random, Ending.COUNT));
    }

    static Stream<Case> withUntil() {
        return cases(4, random -> withEnding(random, Ending.UNTIL));
    }

    @ParameterizedTest(name = NAME)
    @MethodSource("dailyPractice")
    void dailyRuleYieldsOneOccurrencePerLocalDayAtItsNominalTime(Case daily, LocalDate firstDay, int days) {
        List<Occurrence> occurrences = expand(daily);

        assertEquals(days, occurrences.size());
        for (int i = 0; i < days; i++) {
            Occurrence occurrence = occurrences.get(i);
            LocalDateTime nominal = firstDay.plusDays(i).atTime(daily.spec().start().toLocalTime());
            assertEquals(nominal, occurrence.localDueAt());
            LocalDateTime actual = LocalDateTime.ofInstant(occurrence.dueAt(), daily.zone());
            ZoneOffsetTransition transition = daily.zone().getRules().getTransition(nominal);
            assertEquals(inGap(nominal, daily.zone()) ? nominal.plus(transition.getDuration()) : nominal, actual);
            if (transition != null && transition.isOverlap()) {
                // The local time happens twice; the occurrence is the first one, at the offset before the transition.
                assertEquals(transition.getOffsetBefore(), daily.zone().getRules().getOffset(occurrence.dueAt()));
            }
        }
    }

    @ParameterizedTest(name = NAME)
    @MethodSource("anySchedule")
    void keysAreUniqueAndDueAtIncreases(Case schedule) {
        List<Occurrence> occurrences = expand(schedule);

        assertEquals(occurrences.size(), occurrences.stream().map(Occurrence::key).distinct().count());
        for (int i = 1; i < occurrences.size(); i++) {
            Occurrence before = occurrences.get(i - 1);
            Occurrence after = occurrences.get(i);
            // Equal instants only when a nominal time in a DST gap is pushed onto another nominal time.
            assertTrue(before.dueAt().isBefore(after.dueAt()) || before.dueAt().equals(after.dueAt())
                    && before.localDueAt().isBefore(after.localDueAt())
                    && (inGap(before.localDueAt(), schedule.zone()) || inGap(after.localDueAt(), schedule.zone())),
                    before + " then " + after);
        }
    }

    @ParameterizedTest(name = NAME)
    @MethodSource("anySchedule")
    void splittingTheRangeAnywhereChangesNothing(Case schedule) {
        List<Occurrence> whole = expand(schedule);
        Set<Instant> splits = new TreeSet<>(List.of(schedule.from(), schedule.to(),
                schedule.from().plus(Duration.between(schedule.from(), schedule.to()).dividedBy(2))));
        // Splitting exactly at a due instant is the edge that matters; a sample keeps the property fast.
        for (int i = 0; i < whole.size(); i += 1 + whole.size() / 40) {
            splits.addAll(List.of(whole.get(i).dueAt(), whole.get(i).dueAt().plusNanos(1)));
        }

        for (Instant split : splits) {
            if (split.isBefore(schedule.from()) || split.isAfter(schedule.to())) {
                continue;
            }
            List<Occurrence> joined = new ArrayList<>(expander.expand(schedule.spec(), schedule.zone(), schedule.from(), split));
            joined.addAll(expander.expand(schedule.spec(), schedule.zone(), split, schedule.to()));
            assertEquals(whole, joined, "split at " + split);
        }
    }

    @ParameterizedTest(name = NAME)
    @MethodSource("withCount")
    void countYieldsCountMinusTheExcludedDatesThatHitInstances(Case counted) {
        int count = counted.spec().rule().count().orElseThrow();
        List<Occurrence> generated = expand(withoutExclusions(counted));
        Set<LocalDate> excluded = new HashSet<>(counted.spec().excludedDates());

        assertEquals(count, generated.size());
        assertEquals(generated.stream().filter(o -> !excluded.contains(o.localDueAt().toLocalDate())).count(),
                expand(counted).size());
    }

    @ParameterizedTest(name = NAME)
    @MethodSource("withUntil")
    void nothingIsAfterUntilAndNothingBeforeItIsLost(Case bounded) {
        Temporal until = bounded.spec().rule().until().orElseThrow();
        ScheduleSpec unbounded = new ScheduleSpec(bounded.spec().start(),
                RecurrenceRule.parse(bounded.spec().rule().toString().replaceAll(";UNTIL=[^;]*", "")),
                bounded.spec().excludedDates(), null, null);

        List<Occurrence> occurrences = expand(bounded);

        occurrences.forEach(o -> assertTrue(withinUntil(o, until), o + " is after " + until));
        assertEquals(expand(new Case(bounded.zone(), unbounded, bounded.from(), bounded.to())).stream()
                .filter(o -> withinUntil(o, until)).map(Occurrence::key).toList(),
                occurrences.stream().map(Occurrence::key).toList());
    }

    @ParameterizedTest(name = NAME)
    @MethodSource("anySchedule")
    void excludedDatesNeverAppearAndRemoveNothingElse(Case schedule) {
        Set<LocalDate> excluded = new HashSet<>(schedule.spec().excludedDates());

        List<Occurrence> occurrences = expand(schedule);

        occurrences.forEach(o -> assertFalse(excluded.contains(o.localDueAt().toLocalDate()), o.key()));
        assertEquals(expand(withoutExclusions(schedule)).stream()
                        .filter(o -> !excluded.contains(o.localDueAt().toLocalDate())).map(Occurrence::key).toList(),
                occurrences.stream().map(Occurrence::key).toList());
    }

    @ParameterizedTest(name = NAME)
    @MethodSource("anySchedule")
    void findReturnsExactlyWhatExpandProduces(Case schedule) {
        List<Occurrence> occurrences = expand(schedule);
        Duration margin = Duration.ofDays(10);
        Set<String> keysAround = new HashSet<>();
        expander.expand(schedule.spec(), schedule.zone(), schedule.from().minus(margin), schedule.to().plus(margin))
                .forEach(o -> keysAround.add(o.key()));

        for (Occurrence occurrence : occurrences) {
            assertEquals(occurrence, expander.find(schedule.spec(), schedule.zone(), occurrence.key()).orElseThrow());
            for (LocalDateTime probe : List.of(occurrence.localDueAt().plusMinutes(1), occurrence.localDueAt().minusMinutes(1),
                    occurrence.localDueAt().plusDays(1), occurrence.localDueAt().minusDays(1))) {
                String key = probe.toString();
                assertEquals(keysAround.contains(key), expander.find(schedule.spec(), schedule.zone(), key).isPresent(), key);
            }
        }
    }

    @ParameterizedTest(name = NAME)
    @MethodSource("anySchedule")
    void nextAgreesWithExpand(Case schedule) {
        List<Occurrence> occurrences = expand(schedule);
        ScheduleSpec spec = schedule.spec();

        if (!occurrences.isEmpty()) {
            assertEquals(occurrences.get(0), expander.next(spec, schedule.zone(), schedule.from().minusNanos(1)).orElseThrow());
        }
        for (int i = 0; i < occurrences.size(); i++) {
            Instant after = occurrences.get(i).dueAt();
            Occurrence expected = occurrences.stream().filter(o -> o.dueAt().isAfter(after)).findFirst().orElse(null);
            Occurrence next = expander.next(spec, schedule.zone(), after).orElse(null);
            if (expected != null) {
                assertEquals(expected, next);
            } else {
                assertTrue(next == null || !next.dueAt().isBefore(schedule.to()), String.valueOf(next));
            }
        }
    }

    @ParameterizedTest(name = NAME)
    @MethodSource("anySchedule")
    void windowSurroundsDueAt(Case schedule) {
        for (Occurrence occurrence : expand(schedule)) {
            assertEquals(occurrence.dueAt().minus(schedule.spec().windowBefore()), occurrence.windowStart());
            assertEquals(occurrence.dueAt().plus(schedule.spec().windowAfter()), occurrence.windowEnd());
            assertFalse(occurrence.windowStart().isAfter(occurrence.dueAt()));
            assertFalse(occurrence.dueAt().isAfter(occurrence.windowEnd()));
        }
    }

    @ParameterizedTest(name = NAME)
    @MethodSource("anySchedule")
    void canonicalRuleParsesBackToItself(Case schedule) {
        RecurrenceRule rule = schedule.spec().rule();

        assertEquals(rule.toString(), RecurrenceRule.parse(rule.toString()).toString());
        assertEquals(rule, RecurrenceRule.parse(rule.toString().toLowerCase()));
    }

    private List<Occurrence> expand(Case schedule) {
        return expander.expand(schedule.spec(), schedule.zone(), schedule.from(), schedule.to());
    }

    /** A rule with the given ending and a range from just before start wide enough to hold all its instances. */
    private static Case withEnding(Random random, Ending ending) {
        ZoneId zone = RandomSchedules.zone(random);
        LocalDateTime start = RandomSchedules.start(random, zone);
        ScheduleSpec spec = new ScheduleSpec(start, RecurrenceRule.parse(RandomSchedules.rrule(random, start, ending)),
                RandomSchedules.excludedDates(random, start), null, null);
        Instant from = instant(start, zone).minus(Duration.ofDays(random.nextInt(3)));
        return new Case(zone, spec, from, from.plus(Duration.ofDays(ending == Ending.COUNT ? 365 * 100 : 300)));
    }

    private static Case withoutExclusions(Case schedule) {
        ScheduleSpec spec = schedule.spec();
        return new Case(schedule.zone(), new ScheduleSpec(spec.start(), spec.rule(), List.of(), null, null),
                schedule.from(), schedule.to());
    }

    private static boolean withinUntil(Occurrence occurrence, Temporal until) {
        if (until instanceof LocalDate date) {
            return !occurrence.localDueAt().toLocalDate().isAfter(date);
        }
        if (until instanceof LocalDateTime local) {
            return !occurrence.localDueAt().isAfter(local);
        }
        return !occurrence.dueAt().isAfter((Instant) until);
    }

    private static boolean inGap(LocalDateTime nominal, ZoneId zone) {
        return zone.getRules().getValidOffsets(nominal).isEmpty();
    }
}
