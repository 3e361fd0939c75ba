package org.intersession.assignment.review;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.intersession.assignment.assignment.Assignment;
import org.intersession.assignment.assignment.AssignmentService;
import org.intersession.assignment.assignment.AssignmentStatus;
import org.intersession.platform.audit.AuditSubject;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.ReviewRecorded;
import org.intersession.platform.identity.CareTeamScope;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.platform.outbox.Outbox;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.problem.Problem;
import org.intersession.platform.security.Caller;
import org.intersession.platform.security.Role;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.intersession.assignment.access.AssignmentOperation.READ_REVIEWS;
import static org.intersession.assignment.access.AssignmentOperation.RECORD_REVIEW;

@ApplicationScoped
public class ReviewService {

    private final IdentityReplica identity;
    private final AssignmentService assignments;
    private final Outbox outbox;

    ReviewService(IdentityReplica identity, AssignmentService assignments, Outbox outbox) {
        this.identity = identity;
        this.assignments = assignments;
        this.outbox = outbox;
    }

    /** Records the review of a client's homework; a STOP decision cancels that assignment in the same transaction. */
    @Transactional
    public ReviewView record(Caller caller, @NotNull @Valid ReviewInput input) {
        AuditSubject.concerns(input.clientId());
        RECORD_REVIEW.require(caller);
        if (!identity.caresFor(caller.id(), input.clientId())) {
            throw ApiProblemException.notFound("Client");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < input.items().size(); i++) {
            UUID assignmentId = input.items().get(i).assignmentId();
            if (!seen.add(assignmentId)) {
                errors.add(new Problem.FieldError("items[" + i + "].assignmentId", "reviewed twice"));
            } else if (Assignment.count("id = ?1 and clientId = ?2", assignmentId, input.clientId()) == 0) {
                errors.add(new Problem.FieldError("items[" + i + "].assignmentId", "not an assignment of this client"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblemException(400, "Invalid value for: items", errors);
        }

        SessionReview review = new SessionReview();
        review.id = UUID.randomUUID();
        review.clinicId = caller.clinicId();
        review.clientId = input.clientId();
        review.therapistId = caller.id();
        review.sessionDate = input.sessionDate();
        review.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        for (ReviewInput.Item in : input.items()) {
            SessionReviewItem item = new SessionReviewItem();
            item.review = review;
            item.assignmentId = in.assignmentId();
            item.clinicId = review.clinicId;
            item.quantity = in.quantity();
            item.quality = in.quality();
            item.helped = in.helped();
            item.barriers = in.barriers() == null ? new ArrayList<>() : new ArrayList<>(in.barriers());
            item.barrierNotes = in.barrierNotes();
            item.decision = in.decision();
            item.therapistNotes = in.therapistNotes();
            review.items.add(item);
        }
        review.persist();

        for (ReviewInput.Item in : input.items()) {
            Assignment assignment = Assignment.findById(in.assignmentId());
            if (in.decision() == ReviewInput.Decision.STOP && !assignment.status.isFinal()) {
                assignments.change(caller, assignment.id, AssignmentStatus.Change.CANCEL);
            }
        }
        outbox.append(Topics.ASSIGNMENT, review.clientId.toString(), ReviewRecorded.TYPE, "reviews/" + review.id,
                new ReviewRecorded(review.id, review.clinicId, review.clientId, review.therapistId, review.sessionDate,
                        review.items.stream().map(i -> new ReviewRecorded.Item(i.assignmentId, i.quantity, i.quality,
                                i.helped.name(), i.barriers.stream().map(Enum::name).toList(), i.decision.name())).toList(),
                        review.createdAt));
        return ReviewView.of(review, true);
    }

    /** A client's reviews, newest first. A client reads their own without the therapist's notes. */
    @Transactional
    public Page<ReviewView> list(Caller caller, UUID clientId, int limit, Cursor after) {
        READ_REVIEWS.require(caller);
        if (!CareTeamScope.REPLICA.reaches(caller, clientId) || !IdentityReplica.knowsClient(clientId)) {
            throw ApiProblemException.notFound("Client");
        }
        String query = "clientId = :client";
        Parameters params = Parameters.with("client", clientId);
        if (after != null) {
            query += " and (createdAt < :at or (createdAt = :at and id < :id))";
            params.and("at", after.at()).and("id", after.id());
        }
        List<SessionReview> rows = SessionReview.<SessionReview>find(query, Sort.descending("createdAt", "id"), params)
                .range(0, limit).list();
        boolean notes = !caller.is(Role.CLIENT);
        return Page.of(rows, limit, r -> new Cursor(r.createdAt, r.id), r -> ReviewView.of(r, notes));
    }
}
