package org.intersession.platform.identity;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.identity.AccessRevoked;
import org.intersession.platform.event.identity.CareTeamChanged;
import org.intersession.platform.event.identity.ClientProfileChanged;
import org.intersession.platform.event.identity.UserChanged;
import org.intersession.platform.security.Caller;
import org.intersession.platform.security.Role;
import org.intersession.platform.security.TokenRevocations;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a service knows of identity, replicated from the gateway's events: care teams and client profiles.
 * A service never calls the gateway to authorize or to find a client's time zone; it answers from these tables.
 * Services opt in by adding {@code db/identity} to {@code quarkus.flyway.locations}.
 */
@ApplicationScoped
public class IdentityReplica {

    /** JPQL condition: the therapist {@code :therapist} is in the care team of {@code <alias>.clientId} in {@code :clinic}. */
    public static final String THERAPIST_CARES_FOR = "exists (select 1 from CareTeamMember m where m.clientId = %s.clientId"
            + " and m.therapistId = :therapist and m.clinicId = :clinic)";

    /**
     * JPQL: narrows {@code <alias>} (an entity with a {@code clientId}, in a query already limited to {@code :clinic})
     * to what the caller may see: a client their own, a therapist their care team's, an admin or an API client all of
     * the clinic's.
     */
    public static void scope(Caller caller, String alias, StringBuilder query, Parameters params) {
        if (caller.is(Role.CLIENT)) {
            query.append(" and ").append(alias).append(".clientId = :caller");
            params.and("caller", caller.id());
        } else if (caller.is(Role.THERAPIST)) {
            query.append(" and ").append(THERAPIST_CARES_FOR.formatted(alias));
            params.and("therapist", caller.id());
        }
    }

    /**
     * SQL, for queries over plain JDBC: narrows rows of client data ({@code <alias>.client_id}, in a query already
     * limited to the caller's clinic) to what the caller may see: a client their own, a therapist their care team's,
     * an admin or an API client all of the clinic's. Adds its parameters to {@code params}.
     */
    public static String sqlScope(Caller caller, String alias, List<Object> params) {
        if (caller.is(Role.CLIENT)) {
            params.add(caller.id());
            return " and " + alias + ".client_id = ?";
        }
        if (caller.is(Role.THERAPIST)) {
            params.add(caller.id());
            params.add(caller.clinicId());
            return " and exists (select 1 from care_team_member m where m.client_id = " + alias + ".client_id"
                    + " and m.therapist_id = ? and m.clinic_id = ?)";
        }
        return "";
    }

    private final EventCodec codec;
    private final TokenRevocations revocations;

    IdentityReplica(EventCodec codec, TokenRevocations revocations) {
        this.codec = codec;
        this.revocations = revocations;
    }

    @Transactional
    public boolean caresFor(UUID clinicId, UUID therapistId, UUID clientId) {
        return CareTeamMember.count("clinicId = ?1 and therapistId = ?2 and clientId = ?3", clinicId, therapistId, clientId) > 0;
    }

    /**
     * Whether the client is one of the clinic's, as far as this replica knows yet (a profile or a care-team link has
     * arrived). Reads about one client check this first, so another clinic's client is a 404, not an empty answer.
     */
    public static boolean knowsClient(UUID clinicId, UUID clientId) {
        return ClientProfileReplica.count("clientId = ?1 and clinicId = ?2", clientId, clinicId) > 0
                || CareTeamMember.count("clinicId = ?1 and clientId = ?2", clinicId, clientId) > 0;
    }

    /** The client's IANA zone, if their profile has arrived. */
    @Transactional
    public Optional<ZoneId> zoneOf(UUID clinicId, UUID clientId) {
        return ClientProfileReplica.<ClientProfileReplica>find("clientId = ?1 and clinicId = ?2", clientId, clinicId)
                .firstResultOptional().map(p -> ZoneId.of(p.timeZone));
    }

    @Transactional
    public Optional<ClientProfileReplica> profileOf(UUID clinicId, UUID clientId) {
        return ClientProfileReplica.find("clientId = ?1 and clinicId = ?2", clientId, clinicId).firstResultOptional();
    }

    /**
     * Applies a care-team or profile event, and the revocations of access (a deactivated user, an ended session, a
     * revoked API client) to this service's token checks. Other identity events are not its business. Idempotent.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CloudEvent event) {
        if (event.hasType(CareTeamChanged.LINKED)) {
            CareTeamChanged linked = codec.data(event, CareTeamChanged.class);
            if (CareTeamMember.findById(new CareTeamMember.Key(linked.clientId(), linked.therapistId())) == null) {
                CareTeamMember member = new CareTeamMember();
                member.clientId = linked.clientId();
                member.therapistId = linked.therapistId();
                member.clinicId = linked.clinicId();
                member.linkedAt = timeOf(event);
                member.persist();
            }
        } else if (event.hasType(CareTeamChanged.UNLINKED)) {
            CareTeamChanged unlinked = codec.data(event, CareTeamChanged.class);
            CareTeamMember.delete("clientId = ?1 and therapistId = ?2 and clinicId = ?3",
                    unlinked.clientId(), unlinked.therapistId(), unlinked.clinicId());
        } else if (event.hasType(ClientProfileChanged.TYPE)) {
            apply(codec.data(event, ClientProfileChanged.class), timeOf(event));
        } else if (event.hasType(UserChanged.DEACTIVATED)) {
            revocations.revoke(codec.data(event, UserChanged.class).userId(), null, timeOf(event));
        } else if (event.hasType(AccessRevoked.SESSION) || event.hasType(AccessRevoked.API_CLIENT)) {
            AccessRevoked revoked = codec.data(event, AccessRevoked.class);
            revocations.revoke(revoked.subjectId(), revoked.sessionId(), revoked.revokedAt());
        }
    }

    private static void apply(ClientProfileChanged changed, OffsetDateTime at) {
        ClientProfileReplica profile = ClientProfileReplica.findById(changed.clientId());
        if (profile != null && profile.changedAt.isAfter(at)) {
            return;
        }
        if (profile == null) {
            profile = new ClientProfileReplica();
            profile.clientId = changed.clientId();
            profile.clinicId = changed.clinicId();
        }
        profile.timeZone = changed.timeZone();
        profile.locale = changed.locale();
        profile.quietHoursStart = changed.quietHoursStart();
        profile.quietHoursEnd = changed.quietHoursEnd();
        profile.channels = changed.channels() == null ? new ArrayList<>() : new ArrayList<>(changed.channels());
        profile.changedAt = at;
        profile.persist();
    }

    private static OffsetDateTime timeOf(CloudEvent event) {
        return event.time() != null ? event.time() : OffsetDateTime.now(ZoneOffset.UTC);
    }
}
