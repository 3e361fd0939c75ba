package org.intersession.progress.summary;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.intersession.platform.identity.CareTeamScope;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.Caller;
import org.intersession.progress.adherence.Adherence;
import org.intersession.progress.adherence.AdherenceService;
import org.intersession.progress.entry.EntryStatus;
import org.intersession.progress.entry.ProgressEntry;
import org.intersession.progress.entry.ProgressFlag;
import org.intersession.progress.entry.SkipReason;
import org.intersession.progress.replica.ClientReview;
import org.intersession.progress.replica.TrackedAssignment;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.intersession.progress.access.ProgressOperation.READ_ADHERENCE;
import static org.intersession.progress.access.ProgressOperation.READ_SUMMARY;

/** The therapist's "since last session" bundle, and the trends behind it. */
@ApplicationScoped
public class SummaryService {

    static final int MAX_NOTES = 20;
    static final int MAX_FLAGS = 50;

    private final AdherenceService adherence;

    SummaryService(AdherenceService adherence) {
        this.adherence = adherence;
    }

    @Schema(name = "SharedNote")
    public record Note(String occurrenceKey, String note, OffsetDateTime recordedAt) {
    }

    @Schema(name = "SummaryFlag")
    public record Flag(UUID entryId, String fieldLabel, String message, OffsetDateTime flaggedAt) {
    }

    public record AssignmentSummary(UUID assignmentId, String title, String status, Adherence adherence,
                                    List<Trends.Series> trends, Map<SkipReason, Integer> skipReasons, List<Note> sharedNotes,
                                    List<Flag> flags) {
    }

    @Schema(name = "PreSessionSummary")
    public record Summary(UUID clientId, LocalDate since, LocalDate until, boolean sinceLastReview, List<AssignmentSummary> assignments) {
    }

    /** Since the client's last session review unless {@code since} is given; at most a year back. */
    @Transactional
    public Summary preSession(Caller caller, UUID clientId, LocalDate since) {
        READ_SUMMARY.require(caller);
        if (!CareTeamScope.REPLICA.reaches(caller, clientId) || !IdentityReplica.knowsClient(clientId)) {
            throw ApiProblemException.notFound("Client");
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate lastReview = ClientReview.<ClientReview>find("clientId", Sort.descending("sessionDate"), clientId)
                .firstResultOptional().map(r -> r.sessionDate).orElse(null);
        LocalDate from = since != null ? since : lastReview != null ? lastReview : today.minusDays(28);
        if (from.isBefore(today.minusDays(366))) {
            from = today.minusDays(366);
        }
        AdherenceService.Range range = new AdherenceService.Range(from, today);
        List<TrackedAssignment> assignments = TrackedAssignment.list("clientId", Sort.by("assignedAt"), clientId);
        String fromKey = from + "T00:00";
        List<AssignmentSummary> result = assignments.stream().map(a -> {
            List<ProgressEntry> entries = ProgressEntry.list("assignmentId = ?1 and occurrenceKey >= ?2",
                    Sort.by("occurrenceKey"), a.assignmentId, fromKey);
            Map<SkipReason, Integer> skips = new EnumMap<>(SkipReason.class);
            entries.stream().filter(e -> e.status == EntryStatus.SKIPPED && e.skipReason != null)
                    .forEach(e -> skips.merge(e.skipReason, 1, Integer::sum));
            List<Note> notes = entries.stream().filter(e -> e.note != null && !e.note.isBlank() && !e.notePrivate)
                    .sorted((x, y) -> y.occurrenceKey.compareTo(x.occurrenceKey)).limit(MAX_NOTES)
                    .map(e -> new Note(e.occurrenceKey, e.note, e.recordedAt)).toList();
            List<Flag> flags = ProgressFlag.<ProgressFlag>find("assignmentId = ?1 and flaggedAt >= ?2",
                            Sort.descending("flaggedAt"), a.assignmentId, range.from().atStartOfDay().atOffset(ZoneOffset.UTC))
                    .range(0, MAX_FLAGS - 1).list().stream()
                    .map(f -> new Flag(f.entryId, f.fieldLabel, f.message, f.flaggedAt)).toList();
            return new AssignmentSummary(a.assignmentId, a.title, a.status, adherence.forAssignment(caller, a.assignmentId, range),
                    Trends.of(entries, a.fieldSchema), skips, notes, flags);
        }).toList();
        return new Summary(clientId, from, today, since == null && lastReview != null, result);
    }

    /** Every rating and numeric answer of one assignment over [from, to]. */
    @Transactional
    public List<Trends.Series> trends(Caller caller, UUID assignmentId, LocalDate from, LocalDate to) {
        READ_ADHERENCE.require(caller);
        adherence.forAssignment(caller, assignmentId, new AdherenceService.Range(from, to)); // visibility and range checks
        TrackedAssignment assignment = TrackedAssignment.findById(assignmentId);
        List<ProgressEntry> entries = ProgressEntry.list("assignmentId = ?1 and occurrenceKey >= ?2 and occurrenceKey < ?3",
                Sort.by("occurrenceKey"), assignmentId, from + "T00:00", to.plusDays(1) + "T00:00");
        return Trends.of(entries, assignment.fieldSchema);
    }
}
