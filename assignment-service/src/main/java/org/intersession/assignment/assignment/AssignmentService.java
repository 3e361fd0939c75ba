package org.intersession.assignment.assignment;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.intersession.platform.careteam.CareTeams;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentCreated;
import org.intersession.platform.outbox.Outbox;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.Caller;
import org.intersession.platform.security.Role;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import static org.intersession.assignment.access.AssignmentOperation.CREATE_ASSIGNMENT;
import static org.intersession.assignment.access.AssignmentOperation.READ_ASSIGNMENT;

@ApplicationScoped
public class AssignmentService {

    private final Outbox outbox;
    private final CareTeams careTeams;

    AssignmentService(Outbox outbox, CareTeams careTeams) {
        this.outbox = outbox;
        this.careTeams = careTeams;
    }

    @Transactional
    public AssignmentView create(Caller caller, @NotNull @Valid NewAssignment request) {
        CREATE_ASSIGNMENT.require(caller);
        UUID therapistId = assigningTherapist(caller, request);
        if (!careTeams.caresFor(caller.clinicId(), therapistId, request.clientId())) {
            // a client outside the care team is, for this therapist, a client that does not exist
            throw ApiProblemException.notFound("Client");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

        Assignment assignment = new Assignment();
        assignment.id = UUID.randomUUID();
        assignment.clinicId = caller.clinicId();
        assignment.clientId = request.clientId();
        assignment.therapistId = therapistId;
        assignment.title = request.title().strip();
        assignment.instructions = request.instructions();
        assignment.status = AssignmentStatus.ASSIGNED;
        assignment.createdAt = now;
        assignment.updatedAt = now;
        assignment.persist();

        outbox.append(Topics.ASSIGNMENT, assignment.clientId.toString(), AssignmentCreated.TYPE,
                "assignments/" + assignment.id,
                new AssignmentCreated(assignment.id, assignment.clinicId, assignment.clientId, assignment.therapistId,
                        assignment.title, now));
        return AssignmentView.of(assignment);
    }

    /** Only assignments the caller may see are found at all: others, and other clinics', are simply absent. */
    @Transactional
    public Optional<AssignmentView> find(Caller caller, UUID id) {
        READ_ASSIGNMENT.require(caller);
        String visible = "a.id = :id and a.clinicId = :clinic";
        Parameters params = Parameters.with("id", id).and("clinic", caller.clinicId());
        if (caller.is(Role.CLIENT)) {
            visible += " and a.clientId = :caller";
            params.and("caller", caller.id());
        } else if (caller.is(Role.THERAPIST)) {
            visible += " and " + CareTeams.THERAPIST_CARES_FOR.formatted("a");
            params.and("therapist", caller.id());
        }
        return Assignment.<Assignment>find("from Assignment a where " + visible, params).firstResultOptional().map(AssignmentView::of);
    }

    private static UUID assigningTherapist(Caller caller, NewAssignment request) {
        if (caller.isApiClient()) {
            if (request.therapistId() == null) {
                throw ApiProblemException.invalidField("therapistId", "an API client assigns on behalf of a named therapist");
            }
            return request.therapistId();
        }
        return caller.id();
    }
}
