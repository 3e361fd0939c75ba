package org.intersession.progress.adherence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.intersession.platform.identity.CareTeamMember;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.Caller;
import org.intersession.platform.security.Role;
import org.intersession.progress.entry.ProgressEntry;
import org.intersession.progress.replica.TrackedAssignment;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.intersession.progress.access.ProgressOperation.READ_ADHERENCE;
import static org.intersession.progress.access.ProgressOperation.READ_CASELOAD;

/** Adherence of one assignment, one client, or a therapist's caseload, computed from the schedule and the entries. */
@ApplicationScoped
public class AdherenceService {

    static final int MAX_RANGE_DAYS = 366;

    private final ScheduleExpansions expansions;

    AdherenceService(ScheduleExpansions expansions) {
        this.expansions = expansions;
    }

    public record Range(LocalDate from, LocalDate to) {
        public Range {
            if (to.isBefore(from)) {
                throw ApiProblemException.invalidField("to", "must not be before from");
            }
            if (ChronoUnit.DAYS.between(from, to) > MAX_RANGE_DAYS) {
                throw ApiProblemException.invalidField("to", "the range may span at most " + MAX_RANGE_DAYS + " days");
            }
        }

        Range previous() {
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            return new Range(from.minusDays(days), from.minusDays(1));
        }
    }

    public record ClientAdherence(UUID clientId, Adherence current, Adherence previous, double drop) {
    }

    @Transactional
    public Adherence forAssignment(Caller caller, UUID assignmentId, Range range) {
        READ_ADHERENCE.require(caller);
        TrackedAssignment assignment = TrackedAssignment.visibleTo(caller, assignmentId)
                .orElseThrow(() -> ApiProblemException.notFound("Assignment"));
        return compute(assignment, range, Instant.now(), logged(caller.clinicId(), List.of(assignment), range.from(), range.to()));
    }

    @Transactional
    public Adherence forClient(Caller caller, UUID clientId, Range range) {
        READ_ADHERENCE.require(caller);
        if (caller.is(Role.CLIENT) && !caller.id().equals(clientId)
                || caller.is(Role.THERAPIST) && !careTeam(caller).contains(clientId)
                || !IdentityReplica.knowsClient(caller.clinicId(), clientId)) {
            throw ApiProblemException.notFound("Client");
        }
        List<TrackedAssignment> assignments = TrackedAssignment.list("clinicId = ?1 and clientId = ?2", caller.clinicId(), clientId);
        Instant now = Instant.now();
        Map<UUID, Map<String, AdherenceCalculator.Logged>> logged = logged(caller.clinicId(), assignments, range.from(), range.to());
        return AdherenceCalculator.combine(assignments.stream().map(a -> compute(a, range, now, logged)).toList());
    }

    /**
     * The calling therapist's clients, those who need attention first: the biggest drop in completion against the
     * previous period of the same length, then the most misses in a row.
     */
    @Transactional
    public List<ClientAdherence> caseload(Caller caller, Range range) {
        READ_CASELOAD.require(caller);
        // nothing here is written: without snapshots of the assignments' JSON columns there is nothing to dirty-check
        TrackedAssignment.getEntityManager().unwrap(Session.class).setDefaultReadOnly(true);
        List<UUID> team = careTeam(caller);
        if (team.isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now();
        Map<UUID, List<TrackedAssignment>> byClient = TrackedAssignment.<TrackedAssignment>list(
                        "clinicId = ?1 and clientId in ?2", caller.clinicId(), team).stream()
                .collect(Collectors.groupingBy(a -> a.clientId));
        Range previousRange = range.previous();
        Map<UUID, Map<String, AdherenceCalculator.Logged>> logged = logged(caller.clinicId(),
                byClient.values().stream().flatMap(List::stream).toList(), previousRange.from(), range.to());
        List<ClientAdherence> result = new ArrayList<>();
        for (UUID client : team) {
            List<TrackedAssignment> assignments = byClient.getOrDefault(client, List.of());
            Adherence current = AdherenceCalculator.combine(assignments.stream().map(a -> compute(a, range, now, logged)).toList());
            Adherence previous = AdherenceCalculator.combine(assignments.stream().map(a -> compute(a, previousRange, now, logged)).toList());
            double drop = previous.expected() == 0 ? 0 : Math.round((previous.completionRate() - current.completionRate()) * 1000) / 1000.0;
            result.add(new ClientAdherence(client, current, previous, drop));
        }
        result.sort(Comparator.comparingDouble(ClientAdherence::drop).reversed()
                .thenComparing(Comparator.comparingInt((ClientAdherence c) -> c.current().missedInARow()).reversed())
                .thenComparing(ClientAdherence::clientId));
        return result;
    }

    /** Only the range's occurrences are looked up in {@code logged}, so it may hold entries of a wider range. */
    private Adherence compute(TrackedAssignment assignment, Range range, Instant now,
                              Map<UUID, Map<String, AdherenceCalculator.Logged>> logged) {
        if (assignment.schedule == null || assignment.timeZone == null) {
            return AdherenceCalculator.compute(List.of(), Map.of(), now, ZoneId.of("UTC"));
        }
        ZoneId zone = ZoneId.of(assignment.timeZone);
        Instant from = range.from().atStartOfDay(zone).toInstant();
        Instant to = range.to().plusDays(1).atStartOfDay(zone).toInstant();
        return AdherenceCalculator.compute(expansions.expand(assignment.schedule, zone, from, to),
                logged.getOrDefault(assignment.assignmentId, Map.of()), now, zone);
    }

    /**
     * What was logged for these assignments on local dates [from, to], by assignment and occurrence key, in one
     * query. It reads four columns over plain JDBC rather than entities or an HQL projection: a caseload is some ten
     * thousand rows, and Hibernate's per-row work cost three times the query itself. The query is answered from the
     * covering index on (assignment_id, occurrence_key) alone (see V7__entry_outcomes_in_occurrence_index.sql).
     */
    private static Map<UUID, Map<String, AdherenceCalculator.Logged>> logged(UUID clinicId, List<TrackedAssignment> assignments,
                                                                             LocalDate from, LocalDate to) {
        Map<UUID, Map<String, AdherenceCalculator.Logged>> logged = new HashMap<>();
        if (assignments.isEmpty()) {
            return logged;
        }
        UUID[] ids = assignments.stream().map(a -> a.assignmentId).toArray(UUID[]::new);
        ProgressEntry.getEntityManager().unwrap(Session.class).doWork(connection -> {
            // occurrence keys are local date-times, so the range's local dates bound the entries that can match
            try (PreparedStatement query = connection.prepareStatement("""
                    select assignment_id, occurrence_key, status, late from progress_entry
                    where assignment_id = any (?) and occurrence_key >= ? and occurrence_key < ? and clinic_id = ?""")) {
                query.setArray(1, connection.createArrayOf("uuid", ids));
                query.setString(2, from + "T00:00");
                query.setString(3, to.plusDays(1) + "T00:00");
                query.setObject(4, clinicId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        logged.computeIfAbsent(rows.getObject(1, UUID.class), a -> new HashMap<>())
                                .put(rows.getString(2), new AdherenceCalculator.Logged(rows.getString(3), rows.getBoolean(4)));
                    }
                }
            }
        });
        return logged;
    }

    private static List<UUID> careTeam(Caller caller) {
        return CareTeamMember.<CareTeamMember>list("clinicId = ?1 and therapistId = ?2", caller.clinicId(), caller.id())
                .stream().map(m -> m.clientId).sorted().toList();
    }
}
