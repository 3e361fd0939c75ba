package org.intersession.benchmark;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedPlanTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    private static List<String> entries(SeedPlan plan) {
        List<String> entries = new ArrayList<>();
        plan.forEachEntry((assignment, day, id, roll) -> entries.add(assignment.id() + " " + day + " " + id + " " + roll));
        return entries;
    }

    @Test
    void theSameSeedGivesTheSameDataOnEveryRun() {
        SeedPlan first = new SeedPlan(Scale.QUICK, TODAY);
        SeedPlan second = new SeedPlan(Scale.QUICK, TODAY);
        assertEquals(first.clients(), second.clients());
        assertEquals(first.assignments(), second.assignments());
        assertEquals(entries(first), entries(second));
    }

    @Test
    void everyTherapistHasAFullCaseload() {
        SeedPlan plan = new SeedPlan(Scale.QUICK, TODAY);
        for (SeedPlan.Person therapist : plan.therapists()) {
            assertEquals(Scale.QUICK.clientsPerTherapist(), plan.caseload(therapist).size());
        }
        assertEquals(Scale.QUICK.clients(), new HashSet<>(plan.clients().stream().map(SeedPlan.Client::email).toList()).size());
    }

    @Test
    void eachAssignmentHasItsEntriesOnDistinctRecentDaysAndTheOlderDaysStayOpen() {
        SeedPlan plan = new SeedPlan(Scale.QUICK, TODAY);
        Map<UUID, Set<LocalDate>> days = new HashMap<>();
        Set<UUID> ids = new HashSet<>();
        plan.forEachEntry((assignment, day, id, roll) -> {
            assertTrue(days.computeIfAbsent(assignment.id(), a -> new HashSet<>()).add(day), "one entry per occurrence");
            assertTrue(ids.add(id), "entry ids are unique");
            assertTrue(day.isBefore(TODAY) && !day.isBefore(TODAY.minusDays(Scale.QUICK.loggedDays())), day.toString());
            assertTrue(roll >= 0 && roll < 10);
        });
        assertEquals(Scale.QUICK.assignments(), days.size());
        assertEquals(Scale.QUICK.entries(), ids.size());
        List<LocalDate> open = plan.openDays();
        assertEquals(Scale.QUICK.scheduleDays() - Scale.QUICK.loggedDays(), open.size());
        assertEquals(TODAY.minusDays(Scale.QUICK.scheduleDays()), open.get(0));
        days.values().forEach(logged -> open.forEach(day -> assertFalse(logged.contains(day))));
    }

    @Test
    void theFullScaleIsIssueNinesVolume() {
        assertEquals(100, Scale.FULL.therapists());
        assertEquals(10_000, Scale.FULL.clients());
        assertEquals(20_000, Scale.FULL.assignments());
        assertEquals(1_000_000, Scale.FULL.entries());
    }
}
