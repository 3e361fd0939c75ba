package org.intersession.assignment.assignment;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.Session;
import org.hibernate.jpa.HibernateHints;
import org.intersession.assignment.template.TemplateService;
import org.intersession.assignment.template.TemplateVersion;
import org.intersession.platform.audit.AuditSubject;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.event.assignment.ReminderPolicy;
import org.intersession.platform.identity.CareTeamScope;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.platform.outbox.Outbox;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.schedule.InvalidScheduleException;
import org.intersession.platform.schedule.Schedule;
import org.intersession.platform.schema.FieldSchema;
import org.intersession.platform.schema.SchemaValidator;
import org.intersession.platform.security.Caller;
import org.intersession.platform.tenancy.Tenancy;
import org.intersession.platform.web.ChangeFeed;
import org.intersession.platform.web.Changes;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.ETags;
import org.intersession.platform.web.Page;
import org.intersession.platform.web.SyncToken;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.intersession.assignment.access.AssignmentOperation.ACKNOWLEDGE_ASSIGNMENT;
import static org.intersession.assignment.access.AssignmentOperation.CHANGE_ASSIGNMENT_STATUS;
import static org.intersession.assignment.access.AssignmentOperation.CREATE_ASSIGNMENT;
import static org.intersession.assignment.access.AssignmentOperation.READ_ASSIGNMENT;
import static org.intersession.assignment.access.AssignmentOperation.UPDATE_ASSIGNMENT;

@ApplicationScoped
public class AssignmentService {

    private final Outbox outbox;
    private final IdentityReplica identity;
    private final TemplateService templates;

    AssignmentService(Outbox outbox, IdentityReplica identity, TemplateService templates) {
        this.outbox = outbox;
        this.identity = identity;
        this.templates = templates;
    }

    /** Creates an assignment. A retry with an Idempotency-Key is answered before this runs (IdempotentCreate). */
    @Transactional
    public AssignmentView create(Caller caller, @NotNull @Valid NewAssignment request) {
        AuditSubject.concerns(request.clientId());
        CREATE_ASSIGNMENT.require(caller);
        UUID therapistId = assigningTherapist(caller, request);
        if (!identity.caresFor(therapistId, request.clientId())) {
            // a client outside the care team is, for this therapist, a client that does not exist
            throw ApiProblemException.notFound("Client");
        }
        ZoneId zone = clientZone(request.clientId());
        validSchedule(request.schedule());
        TemplateVersion template = request.templateId() == null ? null : templates.currentVersionFor(caller, request.templateId());
        if (template != null && request.fieldSchema() != null) {
            throw ApiProblemException.invalidField("fieldSchema", "comes from the template; leave it out or leave out templateId");
        }
        if (request.fieldSchema() != null) {
            validFieldSchema(request.fieldSchema());
        }
        String title = request.title() != null && !request.title().isBlank() ? request.title().strip()
                : template != null ? template.title : null;
        if (title == null) {
            throw ApiProblemException.invalidField("title", "must not be blank");
        }

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Assignment assignment = new Assignment();
        assignment.id = UUID.randomUUID();
        assignment.clinicId = caller.clinicId();
        assignment.clientId = request.clientId();
        assignment.therapistId = therapistId;
        assignment.title = title;
        assignment.instructions = request.instructions() != null || template == null ? request.instructions() : template.defaultInstructions;
        assignment.rationale = request.rationale().strip();
        assignment.obstacles = request.obstacles() == null ? new ArrayList<>() : new ArrayList<>(request.obstacles());
        assignment.schedule = request.schedule();
        assignment.timeZone = zone.getId();
        assignment.endsAt = endOf(assignment);
        assignment.reminderPolicy = request.reminderPolicy() == null ? ReminderPolicy.DEFAULT : request.reminderPolicy();
        if (template != null) {
            assignment.templateId = template.templateId;
            assignment.templateVersion = template.version;
            assignment.fieldSchema = template.fieldSchema;
        } else {
            assignment.fieldSchema = request.fieldSchema();
        }
        assignment.status = AssignmentStatus.ASSIGNED;
        assignment.createdAt = now;
        assignment.updatedAt = now;
        assignment.persist();
        assignment.flush();
        publish(AssignmentSnapshot.CREATED, assignment);
        return AssignmentView.of(assignment);
    }

    /** Only assignments the caller may see are found at all: others, and other clinics', are simply absent. */
    @Transactional
    public Optional<AssignmentView> find(Caller caller, UUID id) {
        READ_ASSIGNMENT.require(caller);
        return visible(caller, id).map(AssignmentView::of);
    }

    public record Filter(UUID clientId, UUID therapistId, AssignmentStatus status) {
    }

    /** Newest first, by keyset pagination, within what the caller may see. */
    @Transactional
    public Page<AssignmentView> list(Caller caller, Filter filter, int limit, Cursor after) {
        READ_ASSIGNMENT.require(caller);
        // the clinic is the tenancy wall's (Tenancy): Hibernate adds it to every query
        StringBuilder query = new StringBuilder("from Assignment a where 1 = 1");
        Parameters params = new Parameters();
        scope(caller, query, params);
        if (filter.clientId() != null) {
            query.append(" and a.clientId = :client");
            params.and("client", filter.clientId());
        }
        if (filter.therapistId() != null) {
            query.append(" and a.therapistId = :assignedBy");
            params.and("assignedBy", filter.therapistId());
        }
        if (filter.status() != null) {
            query.append(" and a.status = :status");
            params.and("status", filter.status());
        }
        if (after != null) {
            query.append(" and (a.createdAt < :at or (a.createdAt = :at and a.id < :after))");
            params.and("at", after.at()).and("after", after.id());
        }
        // read-only: Hibernate keeps no copy of each row's JSON columns to compare at commit
        List<Assignment> rows = Assignment.<Assignment>find(query.toString(), Sort.descending("createdAt", "id"), params)
                .withHint(HibernateHints.HINT_READ_ONLY, true)
                .range(0, limit).list();
        return Page.of(rows, limit, a -> new Cursor(a.createdAt, a.id), AssignmentView::of);
    }

    static final String FEED = "assignments";

    /**
     * What was created or changed since {@code since} (edits, acknowledgements, pauses, cancellations, expiry), oldest
     * change first, each assignment in its current state; see {@link SyncToken} for why no change is ever skipped.
     */
    @Transactional
    public Changes<AssignmentView> changes(Caller caller, UUID clientId, int limit, String since) {
        READ_ASSIGNMENT.require(caller);
        SyncToken token = SyncToken.decode(since, FEED, "clientId=" + (clientId == null ? "" : clientId));
        List<Object> params = new ArrayList<>();
        StringBuilder rows = new StringBuilder("select cast(a.change_xid as text), a.id from assignment a"
                + " where a.clinic_id = ? and a.change_xid < h.xmin");
        params.add(Tenancy.clinicId());
        rows.append(CareTeamScope.REPLICA.narrowSql(caller, "a", params));
        if (clientId != null) {
            rows.append(" and a.client_id = ?");
            params.add(clientId);
        }
        rows.append(ChangeFeed.afterById("a", token, params)).append(" limit ?");
        params.add(limit + 1);
        ChangeFeed.Fetched<UUID> fetched = Assignment.getEntityManager().unwrap(Session.class).doReturningWork(connection ->
                ChangeFeed.fetch(connection, rows.toString(), params, row -> row.getObject(3, UUID.class)));
        return fetched.page(token, limit, UUID::toString, ids -> ids.isEmpty() ? List.of() : ChangeFeed.inOrder(ids,
                Assignment.<Assignment>find("id in ?1", ids).withHint(HibernateHints.HINT_READ_ONLY, true).list(), a -> a.id)
                .stream().map(AssignmentView::of).toList());
    }

    /** Changes an assignment if the caller's copy is current (If-Match); a stale copy is a 412. */
    @Transactional
    public AssignmentView update(Caller caller, UUID id, String ifMatch, @NotNull @Valid AssignmentPatch patch) {
        UPDATE_ASSIGNMENT.require(caller);
        Assignment assignment = visible(caller, id).orElseThrow(() -> ApiProblemException.notFound("Assignment"));
        ETags.requireMatch(ifMatch, assignment.version, "assignment");
        if (assignment.status.isFinal()) {
            throw ApiProblemException.conflict("A " + assignment.status + " assignment can no longer be changed");
        }
        if (patch.title() != null) {
            assignment.title = patch.title().strip();
        }
        if (patch.instructions() != null) {
            assignment.instructions = patch.instructions();
        }
        if (patch.rationale() != null) {
            assignment.rationale = patch.rationale().strip();
        }
        if (patch.obstacles() != null) {
            assignment.obstacles = new ArrayList<>(patch.obstacles());
        }
        if (patch.schedule() != null) {
            validSchedule(patch.schedule());
            assignment.schedule = patch.schedule();
            assignment.timeZone = clientZone(assignment.clientId).getId();
            assignment.endsAt = endOf(assignment);
        }
        if (patch.reminderPolicy() != null) {
            assignment.reminderPolicy = patch.reminderPolicy();
        }
        assignment.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        assignment.flush();
        publish(AssignmentSnapshot.UPDATED, assignment);
        return AssignmentView.of(assignment);
    }

    /** Moves an assignment along its lifecycle; a change its current state does not allow is a 409. */
    @Transactional
    public AssignmentView change(Caller caller, UUID id, AssignmentStatus.Change change) {
        (change == AssignmentStatus.Change.ACKNOWLEDGE ? ACKNOWLEDGE_ASSIGNMENT : CHANGE_ASSIGNMENT_STATUS).require(caller);
        Assignment assignment = visible(caller, id).orElseThrow(() -> ApiProblemException.notFound("Assignment"));
        if (!change.allowedFrom(assignment.status)) {
            throw ApiProblemException.conflict("An assignment that is " + assignment.status + " cannot be " + pastTense(change));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        assignment.status = change.target();
        if (change == AssignmentStatus.Change.ACKNOWLEDGE) {
            assignment.acknowledgedAt = now;
        } else if (change == AssignmentStatus.Change.RESUME && assignment.acknowledgedAt == null) {
            assignment.status = AssignmentStatus.ASSIGNED;
        }
        assignment.updatedAt = now;
        assignment.flush();
        publish(switch (change) {
            case ACKNOWLEDGE -> AssignmentSnapshot.ACKNOWLEDGED;
            case PAUSE -> AssignmentSnapshot.PAUSED;
            case RESUME -> AssignmentSnapshot.RESUMED;
            case CANCEL -> AssignmentSnapshot.CANCELLED;
            case COMPLETE -> AssignmentSnapshot.COMPLETED;
        }, assignment);
        return AssignmentView.of(assignment);
    }

    /**
     * Ends assignments whose last occurrence has passed. Rows are claimed with FOR UPDATE SKIP LOCKED, so several
     * instances share the work without doing it twice; after downtime it simply finds more rows.
     */
    @Scheduled(identity = "assignment-expiry", every = "${intersession.assignments.expiry-interval:5m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expireEnded() {
        Tenancy.acrossClinics("assignment expiry: every clinic's assignments whose last occurrence has passed", () -> {
            while (QuarkusTransaction.requiringNew().call(this::expireBatch) == EXPIRY_BATCH) {
                // keep going until a batch comes back short
            }
        });
    }

    static final int EXPIRY_BATCH = 100;

    @SuppressWarnings("unchecked")
    int expireBatch() {
        List<Assignment> ended = Assignment.getEntityManager().createNativeQuery("""
                        select * from assignment where status in ('ASSIGNED', 'ACTIVE', 'PAUSED') and ends_at < now()
                        order by ends_at limit :n for update skip locked""", Assignment.class)
                .setParameter("n", EXPIRY_BATCH).getResultList();
        for (Assignment assignment : ended) {
            assignment.status = AssignmentStatus.EXPIRED;
            assignment.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            assignment.flush();
            publish(AssignmentSnapshot.EXPIRED, assignment);
        }
        return ended.size();
    }

    private static OffsetDateTime endOf(Assignment assignment) {
        return ScheduleEnd.of(assignment.schedule.toSpec(), ZoneId.of(assignment.timeZone))
                .map(end -> end.atOffset(ZoneOffset.UTC)).orElse(null);
    }

    private Optional<Assignment> visible(Caller caller, UUID id) {
        StringBuilder query = new StringBuilder("from Assignment a where a.id = :id");
        Parameters params = Parameters.with("id", id);
        scope(caller, query, params);
        Optional<Assignment> found = Assignment.<Assignment>find(query.toString(), params).firstResultOptional();
        // a miss on another client of the clinic is an attempt on that client's data, and is audited under them
        found.or(() -> Assignment.<Assignment>findByIdOptional(id)).ifPresent(a -> AuditSubject.concerns(a.clientId));
        return found;
    }

    /** A client sees their own assignments, a therapist those of their care team's clients, an admin the clinic's. */
    private static void scope(Caller caller, StringBuilder query, Parameters params) {
        CareTeamScope.REPLICA.narrow(caller, "a", query, params);
    }

    private ZoneId clientZone(UUID clientId) {
        return identity.zoneOf(clientId).orElseThrow(() -> ApiProblemException.conflict(
                "The client's profile has not reached assignment-service yet; retry in a moment"));
    }

    private static void validSchedule(Schedule schedule) {
        try {
            schedule.toSpec();
        } catch (InvalidScheduleException e) {
            throw ApiProblemException.invalidField("schedule." + e.field(), e.reason());
        }
    }

    private static void validFieldSchema(FieldSchema schema) {
        List<org.intersession.platform.problem.Problem.FieldError> errors = SchemaValidator.validate(schema).stream()
                .map(e -> new org.intersession.platform.problem.Problem.FieldError("fieldSchema." + e.field(), e.message())).toList();
        if (!errors.isEmpty()) {
            throw new ApiProblemException(400, "Invalid value for: fieldSchema", errors);
        }
    }

    private void publish(String type, Assignment a) {
        outbox.append(Topics.ASSIGNMENT, a.clientId.toString(), type, "assignments/" + a.id,
                new AssignmentSnapshot(a.id, a.clinicId, a.clientId, a.therapistId, a.title, a.status.name(), a.timeZone,
                        a.schedule, a.reminderPolicy, a.fieldSchema, a.version, a.updatedAt));
    }

    private static String pastTense(AssignmentStatus.Change change) {
        return switch (change) {
            case ACKNOWLEDGE -> "acknowledged";
            case PAUSE -> "paused";
            case RESUME -> "resumed";
            case CANCEL -> "cancelled";
            case COMPLETE -> "completed";
        };
    }

    private static UUID assigningTherapist(Caller caller, NewAssignment request) {
        if (caller.isApiClient()) {
            if (request.therapistId() == null) {
                throw ApiProblemException.invalidField("therapistId", "an API client assigns on behalf of a named therapist");
            }
            return request.therapistId();
        }
        if (request.therapistId() != null && !request.therapistId().equals(caller.id())) {
            throw ApiProblemException.invalidField("therapistId", "a therapist assigns as themself");
        }
        return caller.id();
    }
}
