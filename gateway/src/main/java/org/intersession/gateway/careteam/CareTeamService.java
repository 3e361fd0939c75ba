package org.intersession.gateway.careteam;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.intersession.gateway.user.User;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.identity.CareTeamChanged;
import org.intersession.platform.outbox.Outbox;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.Caller;
import org.intersession.platform.security.Role;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.intersession.gateway.access.GatewayOperation.MANAGE_CARE_TEAM;

/** Links therapists to clients. Both must be users of the caller's clinic with the right role, or it is a 404. */
@ApplicationScoped
public class CareTeamService {

    private final Outbox outbox;

    CareTeamService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** @return true if the link is new; linking twice is harmless (PUT is idempotent). */
    @Transactional
    public boolean link(Caller caller, UUID clientId, UUID therapistId) {
        MANAGE_CARE_TEAM.require(caller);
        requireUser(caller, clientId, Role.CLIENT, "Client");
        requireUser(caller, therapistId, Role.THERAPIST, "Therapist");
        if (CareTeamLink.findById(new CareTeamLink.Key(clientId, therapistId)) != null) {
            return false;
        }
        CareTeamLink link = new CareTeamLink();
        link.clientId = clientId;
        link.therapistId = therapistId;
        link.clinicId = caller.clinicId();
        link.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        link.persist();
        publish(CareTeamChanged.LINKED, caller.clinicId(), clientId, therapistId);
        return true;
    }

    @Transactional
    public void unlink(Caller caller, UUID clientId, UUID therapistId) {
        MANAGE_CARE_TEAM.require(caller);
        long deleted = CareTeamLink.delete("clientId = ?1 and therapistId = ?2 and clinicId = ?3", clientId, therapistId, caller.clinicId());
        if (deleted == 0) {
            throw ApiProblemException.notFound("Care-team link");
        }
        publish(CareTeamChanged.UNLINKED, caller.clinicId(), clientId, therapistId);
    }

    private void publish(String type, UUID clinicId, UUID clientId, UUID therapistId) {
        outbox.append(Topics.IDENTITY, clientId.toString(), type, "clients/" + clientId + "/care-team/" + therapistId,
                new CareTeamChanged(clinicId, clientId, therapistId));
    }

    private static void requireUser(Caller caller, UUID id, Role role, String what) {
        if (User.count("id = ?1 and clinicId = ?2 and role = ?3", id, caller.clinicId(), role) == 0) {
            throw ApiProblemException.notFound(what);
        }
    }
}
