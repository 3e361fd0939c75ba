package org.intersession.progress.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.hibernate.Session;
import org.intersession.platform.audit.AuditSubject;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.progress.ProgressAmended;
import org.intersession.platform.event.progress.ProgressFlagged;
import org.intersession.platform.event.progress.ProgressRecorded;
import org.intersession.platform.identity.CareTeamScope;
import org.intersession.platform.outbox.Outbox;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.problem.Problem;
import org.intersession.platform.schedule.Occurrence;
import org.intersession.platform.schedule.OccurrenceExpander;
import org.intersession.platform.schema.AlertEvaluator;
import org.intersession.platform.schema.AnswerValidator;
import org.intersession.platform.schema.FieldSchema;
import org.intersession.platform.schema.TriggeredAlert;
import org.intersession.platform.security.Caller;
import org.intersession.platform.security.Role;
import org.intersession.platform.tenancy.Tenancy;
import org.intersession.platform.web.CanonicalJson;
import org.intersession.platform.web.ETags;
import org.intersession.progress.replica.TrackedAssignment;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static org.intersession.progress.access.ProgressOperation.READ_PROGRESS;
import static org.intersession.progress.access.ProgressOperation.RECORD_PROGRESS;

@ApplicationScoped
public class ProgressEntryService {

    private final Outbox outbox;
    private final EntryConfig config;
    private final OccurrenceExpander expander = new OccurrenceExpander();

    ProgressEntryService(Outbox outbox, EntryConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    public record Recorded(ProgressEntryView entry, boolean created) {
    }

    /**
     * Records an entry for an occurrence of one of the caller's own assignments. Resubmitting the same entry (same id,
     * same content) answers the stored one again; the same id with other content, or a second entry for the same
     * occurrence, is a conflict. Answers crossing an alert rule publish a flag at once.
     */
    @Transactional
    public Recorded record(Caller caller, @NotNull @Valid NewProgressEntry request) {
        AuditSubject.concernsCaller(caller);
        RECORD_PROGRESS.require(caller);
        // by primary key: the hottest write of the platform skips a query translation for every entry
        TrackedAssignment assignment = Optional.ofNullable(TrackedAssignment.<TrackedAssignment>findById(request.assignmentId()))
                .filter(a -> caller.id().equals(a.clientId))
                .orElseThrow(() -> ApiProblemException.notFound("Assignment"));
        Map<String, Object> answers = withoutNulls(request.answers());

        ProgressEntry existing = ProgressEntry.findById(request.id());
        if (existing != null) {
            if (isResendOf(existing, caller, request)) {
                return new Recorded(ProgressEntryView.of(existing, true), false);
            }
            throw ApiProblemException.conflict("An entry with this id was already recorded with other content");
        }
        if ("CANCELLED".equals(assignment.status)) {
            throw ApiProblemException.conflict("This assignment was cancelled and takes no more entries");
        }
        Occurrence occurrence = occurrence(assignment, request.occurrenceKey());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (occurrence.windowStart().isAfter(now.toInstant())) {
            throw ApiProblemException.invalidField("occurrenceKey", "this occurrence is not open yet");
        }
        if (occurrenceTaken(assignment.assignmentId, request.occurrenceKey())) {
            throw ApiProblemException.conflict("This occurrence already has an entry");
        }
        validate(request, answers, assignment.fieldSchema);
        OffsetDateTime completedAt = completedAt(request.completedAt(), occurrence, now);

        ProgressEntry entry = new ProgressEntry();
        entry.id = request.id();
        entry.clinicId = caller.clinicId();
        entry.clientId = caller.id();
        entry.assignmentId = assignment.assignmentId;
        entry.occurrenceKey = request.occurrenceKey();
        entry.status = request.status();
        entry.completedAt = completedAt;
        entry.late = (completedAt != null ? completedAt : now).toInstant().isAfter(occurrence.windowEnd());
        entry.answers = new HashMap<>(answers);
        entry.moodBefore = request.moodBefore();
        entry.moodAfter = request.moodAfter();
        entry.distressBefore = request.distressBefore();
        entry.distressAfter = request.distressAfter();
        entry.minutesSpent = request.minutesSpent();
        entry.note = request.note();
        entry.notePrivate = request.notePrivate();
        entry.skipReason = request.skipReason();
        entry.skipReasonText = request.skipReasonText();
        entry.recordedAt = now;
        insert(entry);

        outbox.append(Topics.PROGRESS, entry.clientId.toString(), ProgressRecorded.TYPE, "progress-entries/" + entry.id,
                new ProgressRecorded(entry.id, entry.assignmentId, entry.clinicId, entry.clientId, assignment.therapistId,
                        entry.occurrenceKey, entry.status.name(), entry.late, entry.recordedAt, entry.completedAt));
        flag(entry, assignment, now);
        return new Recorded(ProgressEntryView.of(entry, true), true);
    }

    /**
     * Replaces an entry's content with a corrected one (If-Match with its version); the previous state is kept as a
     * revision. Answers are checked again and may raise new flags.
     */
    @Transactional
    public ProgressEntryView amend(Caller caller, UUID id, String ifMatch, @NotNull @Valid EntryAmendment amendment) {
        AuditSubject.concernsCaller(caller);
        RECORD_PROGRESS.require(caller);
        ProgressEntry entry = ProgressEntry.<ProgressEntry>find("id = ?1 and clientId = ?2", id, caller.id())
                .firstResultOptional().orElseThrow(() -> ApiProblemException.notFound("Progress entry"));
        ETags.requireMatch(ifMatch, entry.version, "progress entry");
        TrackedAssignment assignment = TrackedAssignment.findById(entry.assignmentId);
        NewProgressEntry corrected = amendment.asEntryOf(entry);
        Map<String, Object> answers = withoutNulls(corrected.answers());
        validate(corrected, answers, assignment.fieldSchema);

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ProgressEntry.getEntityManager().createNativeQuery("""
                        insert into progress_entry_revision (entry_id, version, clinic_id, state, replaced_at)
                        values (:id, :version, :clinic, cast(:state as jsonb), :now)""")
                .setParameter("id", entry.id).setParameter("version", entry.version).setParameter("clinic", entry.clinicId)
                .setParameter("state", JSON.valueToTree(ProgressEntryView.of(entry, true)).toString()).setParameter("now", now)
                .executeUpdate();
        entry.status = corrected.status();
        entry.answers = new HashMap<>(answers);
        entry.moodBefore = corrected.moodBefore();
        entry.moodAfter = corrected.moodAfter();
        entry.distressBefore = corrected.distressBefore();
        entry.distressAfter = corrected.distressAfter();
        entry.minutesSpent = corrected.minutesSpent();
        entry.note = corrected.note();
        entry.notePrivate = corrected.notePrivate();
        entry.skipReason = corrected.skipReason();
        entry.skipReasonText = corrected.skipReasonText();
        entry.version++;
        entry.amendedAt = now;
        outbox.append(Topics.PROGRESS, entry.clientId.toString(), ProgressAmended.TYPE, "progress-entries/" + entry.id,
                new ProgressAmended(entry.id, entry.assignmentId, entry.clinicId, entry.clientId, assignment.therapistId,
                        entry.occurrenceKey, entry.status.name(), entry.version, now));
        flag(entry, assignment, now);
        return ProgressEntryView.of(entry, true);
    }

    @Transactional
    public Optional<ProgressEntryView> find(Caller caller, UUID id) {
        READ_PROGRESS.require(caller);
        StringBuilder visible = new StringBuilder("from ProgressEntry e where e.id = :id");
        Parameters params = Parameters.with("id", id);
        CareTeamScope.REPLICA.narrow(caller, "e", visible, params);
        Optional<ProgressEntry> found = ProgressEntry.<ProgressEntry>find(visible.toString(), params).firstResultOptional();
        // a miss on another client of the clinic is an attempt on that client's data, and is audited under them
        found.or(() -> ProgressEntry.<ProgressEntry>findByIdOptional(id)).ifPresent(e -> AuditSubject.concerns(e.clientId));
        return found.map(e -> ProgressEntryView.of(e, e.clientId.equals(caller.id())));
    }

    /** Each answer crossing its field's alert rule is kept and published at once (once per entry and field). */
    private void flag(ProgressEntry entry, TrackedAssignment assignment, OffsetDateTime now) {
        if (assignment.fieldSchema != null && entry.status != EntryStatus.SKIPPED) {
            for (TriggeredAlert alert : AlertEvaluator.triggered(assignment.fieldSchema, entry.answers)) {
                if (ProgressFlag.findById(new ProgressFlag.Key(entry.id, alert.fieldKey())) != null) {
                    continue;
                }
                ProgressFlag flag = new ProgressFlag();
                flag.entryId = entry.id;
                flag.fieldKey = alert.fieldKey();
                flag.clinicId = entry.clinicId;
                flag.clientId = entry.clientId;
                flag.assignmentId = entry.assignmentId;
                flag.fieldLabel = alert.label();
                flag.message = alert.message();
                flag.flaggedAt = now;
                flag.persist();
                outbox.append(Topics.PROGRESS, entry.clientId.toString(), ProgressFlagged.TYPE, "progress-entries/" + entry.id,
                        new ProgressFlagged(entry.id, entry.assignmentId, entry.clinicId, entry.clientId, assignment.therapistId,
                                alert.fieldKey(), alert.label(), alert.value(), alert.message(), now));
            }
        }
    }

    /**
     * Inserts at once, so that a clash answers 409: the id (the app chooses it) may already be another clinic's
     * entry, which this clinic cannot see, or a concurrent request may have logged the occurrence first.
     */
    private static void insert(ProgressEntry entry) {
        try {
            entry.persistAndFlush();
        } catch (jakarta.persistence.PersistenceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                    throw ApiProblemException.conflict("An entry with this id, or for this occurrence, was already recorded");
                }
            }
            throw e;
        }
    }

    /**
     * Whether the occurrence already has an entry: one lookup on the unique index, over JDBC in the transaction's
     * connection. Through Hibernate (a Panache count is translated anew on every call) it was a third of an entry's CPU.
     */
    private static boolean occurrenceTaken(UUID assignmentId, String occurrenceKey) {
        return ProgressEntry.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "select 1 from progress_entry where assignment_id = ? and occurrence_key = ? and clinic_id = ? limit 1")) {
                query.setObject(1, assignmentId);
                query.setString(2, occurrenceKey);
                query.setObject(3, Tenancy.clinicId());
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .findAndRegisterModules().disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Occurrence occurrence(TrackedAssignment assignment, String key) {
        if (assignment.schedule == null || assignment.timeZone == null) {
            throw ApiProblemException.conflict("This assignment's schedule has not reached progress-service yet");
        }
        return expander.find(assignment.schedule.toSpec(), ZoneId.of(assignment.timeZone), key)
                .orElseThrow(() -> ApiProblemException.invalidField("occurrenceKey", "not an occurrence of this assignment's schedule"));
    }

    /**
     * When the client did it, as their app says: no later than our clock allows for skew, no earlier than the
     * occurrence's window opened, and not older than the configured age. Stored to the microsecond, as PostgreSQL keeps it.
     */
    private OffsetDateTime completedAt(OffsetDateTime sent, Occurrence occurrence, OffsetDateTime now) {
        if (sent == null) {
            return null;
        }
        Instant at = sent.toInstant().truncatedTo(ChronoUnit.MICROS);
        if (at.isAfter(now.toInstant().plus(config.completedAtClockSkew()))) {
            throw ApiProblemException.invalidField("completedAt", "is in the future");
        }
        if (at.isBefore(now.toInstant().minus(config.completedAtMaxAge()))) {
            throw ApiProblemException.invalidField("completedAt",
                    "is more than " + config.completedAtMaxAge().toDays() + " days ago; leave it out to log the entry as late");
        }
        if (at.isBefore(occurrence.windowStart())) {
            throw ApiProblemException.invalidField("completedAt", "is before this occurrence's window opened (" + occurrence.windowStart() + ")");
        }
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** Skips carry a reason and no answers; other entries no reason, and answers that fit the pinned schema. */
    private static void validate(NewProgressEntry request, Map<String, Object> answers, FieldSchema schema) {
        if (request.status() == EntryStatus.SKIPPED) {
            if (request.skipReason() == null) {
                throw ApiProblemException.invalidField("skipReason", "required when the homework was skipped");
            }
            if (!answers.isEmpty()) {
                throw ApiProblemException.invalidField("answers", "a skipped occurrence has no answers");
            }
            return;
        }
        if (request.skipReason() != null || request.skipReasonText() != null) {
            throw ApiProblemException.invalidField("skipReason", "only for a skipped occurrence");
        }
        if (schema == null) {
            if (!answers.isEmpty()) {
                throw ApiProblemException.invalidField("answers", "this assignment takes no structured answers");
            }
            return;
        }
        List<Problem.FieldError> errors = AnswerValidator.validate(schema, answers);
        if (request.status() == EntryStatus.PARTIAL) {
            // partly done: what was answered must be right, but not everything must be there
            errors = errors.stream().filter(e -> !isMissing(e, answers)).toList();
        }
        if (!errors.isEmpty()) {
            throw new ApiProblemException(400, "Invalid answers", errors);
        }
    }

    private static boolean isMissing(Problem.FieldError error, Map<String, Object> answers) {
        String prefix = "answers.";
        if (!error.field().startsWith(prefix)) {
            return false;
        }
        Object value = answers.get(error.field().substring(prefix.length()));
        return value == null || value instanceof String s && s.isBlank() || value instanceof List<?> l && l.isEmpty();
    }

    /** A null answer is no answer (see AnswerValidator): it is not kept, so a stored entry never holds one. */
    private static Map<String, Object> withoutNulls(Map<String, Object> answers) {
        if (answers == null) {
            return Map.of();
        }
        Map<String, Object> given = new HashMap<>(answers);
        given.values().removeIf(Objects::isNull);
        return given;
    }

    /** What a resend must repeat: everything the client sent, named as in the view; completedAt is compared apart. */
    private static final List<String> CONTENT = List.of("assignmentId", "occurrenceKey", "status", "answers", "moodBefore",
            "moodAfter", "distressBefore", "distressAfter", "minutesSpent", "note", "notePrivate", "skipReason", "skipReasonText");

    /**
     * Whether a request is the client's own entry sent again: the same content as the entry was first recorded with
     * (its first revision, once amended), compared as parsed JSON values, so the order of the answers' keys (jsonb
     * keeps its own) or how a number is written (40 or 40.0) never turns a resend into a conflict.
     */
    private static boolean isResendOf(ProgressEntry existing, Caller caller, NewProgressEntry request) {
        if (!existing.clientId.equals(caller.id())) {
            return false;
        }
        JsonNode first = existing.version == 1 ? JSON.valueToTree(ProgressEntryView.of(existing, true)) : firstState(existing.id);
        Instant firstCompletedAt = first.path("completedAt").isTextual()
                ? OffsetDateTime.parse(first.path("completedAt").asText()).toInstant() : null;
        Instant sentCompletedAt = request.completedAt() == null ? null : request.completedAt().toInstant().truncatedTo(ChronoUnit.MICROS);
        return Objects.equals(firstCompletedAt, sentCompletedAt)
                && CanonicalJson.equivalent(content(first), content(JSON.valueToTree(request)));
    }

    private static ObjectNode content(JsonNode entry) {
        ObjectNode content = JSON.createObjectNode();
        CONTENT.forEach(field -> content.set(field, entry.path(field).isMissingNode() ? null : entry.get(field)));
        // no answers and an empty object of them are the same
        if (!content.path("answers").isObject()) {
            content.putObject("answers");
        }
        return content;
    }

    /** The state an amended entry was first recorded in, as its revision 1 keeps it. */
    private static JsonNode firstState(UUID entryId) {
        Object state = ProgressEntry.getEntityManager().createNativeQuery(
                        "select cast(state as text) from progress_entry_revision where entry_id = :id and version = 1 and clinic_id = :clinic")
                .setParameter("id", entryId).setParameter("clinic", Tenancy.clinicId()).getSingleResult();
        try {
            return JSON.readTree(state.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("revision 1 of entry " + entryId + " is not JSON", e);
        }
    }
}
