package org.intersession.progress.adherence;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.intersession.platform.identity.CareTeamMember;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.schedule.OccurrenceExpander;
import org.intersession.platform.security.Caller;
import org.intersession.platform.security.Role;
import org.intersession.progress.entry.ProgressEntry;
import org.intersession.progress.replica.TrackedAssignment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.intersession.progress.access.ProgressOperation.READ_ADHERENCE;
import static org.intersession.progress.access.ProgressOperation.READ_CASELOAD;

/** Adherence of one assignment, one client, or a therapist's caseload, computed from the schedule and the entries. */
@ApplicationScoped
public class AdherenceService {

    static final int MAX_RANGE_DAYS = 366;

    private final OccurrenceExpander expander = new OccurrenceExpander();

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
        TrackedAssignment assignment = visible(caller, assignmentId)
                .orElseThrow(() -> ApiProblemException.notFound("Assignment"));
        return compute(assignment, range, Instant.now());
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
        return AdherenceCalculator.combine(assignments.stream().map(a -> compute(a, range, now)).toList());
    }

    /**
     * The calling therapist's clients, those who need attention first: the biggest drop in completion against the
     * previous period of the same length, then the most misses in a row.
     */
    @Transactional
    public List<ClientAdherence> caseload(Caller caller, Range range) {
        READ_CASELOAD.require(caller);
        List<UUID> team = careTeam(caller);
        if (team.isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now();
        Map<UUID, List<TrackedAssignment>> byClient = TrackedAssignment.<TrackedAssignment>list(
                        "clinicId = ?1 and clientId in ?2", caller.clinicId(), team).stream()
                .collect(Collectors.groupingBy(a -> a.clientId));
        List<ClientAdherence> result = new ArrayList<>();
        for (UUID client : team) {
            List<TrackedAssignment> assignments = byClient.getOrDefault(client, List.of());
            Adherence current = AdherenceCalculator.combine(assignments.stream().map(a -> compute(a, range, now)).toList());
            Adherence previous = AdherenceCalculator.combine(assignments.stream().map(a -> compute(a, range.previous(), now)).toList());
            double drop = previous.expected() == 0 ? 0 : Math.round((previous.completionRate() - current.completionRate()) * 1000) / 1000.0;
            result.add(new ClientAdherence(client, current, previous, drop));
        }
        result.sort(Comparator.comparingDouble(ClientAdherence::drop).reversed()
                .thenComparing(Comparator.comparingInt((ClientAdherence c) -> c.current().missedInARow()).reversed())
                .thenComparing(ClientAdherence::clientId));
        return result;
    }

    private Adherence compute(TrackedAssignment assignment, Range range, Instant now) {
        if (assignment.schedule == null || assignment.timeZone == null) {
            return AdherenceCalculator.compute(List.of(), Map.of(), now, ZoneId.of("UTC"));
        }
        ZoneId zone = ZoneId.of(assignment.timeZone);
        Instant from = range.from().atStartOfDay(zone).toInstant();
        Instant to = range.to().plusDays(1).atStartOfDay(zone).toInstant();
        // occurrence keys are local date-times, so the range's local dates bound the entries that can match
        Map<String, AdherenceCalculator.Logged> entries = ProgressEntry.<ProgressEntry>list(
                        "assignmentId = ?1 and clinicId = ?2 and occurrenceKey >= ?3 and occurrenceKey < ?4", assignment.assignmentId,
                        assignment.clinicId, range.from() + "T00:00", range.to().plusDays(1) + "T00:00").stream()
                .collect(Collectors.toMap(e -> e.occurrenceKey, e -> new AdherenceCalculator.Logged(e.status.name(), e.late)));
        return AdherenceCalculator.compute(expander.expand(assignment.schedule.toSpec(), zone, from, to), entries, now, zone);
    }

    /** The assignment, if the caller may see it: a client their own, a therapist their care team's, an admin the clinic's. */
    private static Optional<TrackedAssignment> visible(Caller caller, UUID assignmentId) {
        Optional<TrackedAssignment> assignment = TrackedAssignment.<TrackedAssignment>find(
                "assignmentId = ?1 and clinicId = ?2", assignmentId, caller.clinicId()).firstResultOptional();
        if (caller.is(Role.CLIENT)) {
            return assignment.filter(a -> a.clientId.equals(caller.id()));
        }
        if (caller.is(Role.THERAPIST)) {
            return assignment.filter(a -> CareTeamMember.count("clinicId = ?1 and therapistId = ?2 and clientId = ?3",
                    caller.clinicId(), caller.id(), a.clientId) > 0);
        }
        return assignment;
    }

    private static List<UUID> careTeam(Caller caller) {
        return CareTeamMember.<CareTeamMember>list("clinicId = ?1 and therapistId = ?2", caller.clinicId(), caller.id())
                .stream().map(m -> m.clientId).sorted().toList();
    }
}
