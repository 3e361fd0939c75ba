package org.intersession.platform.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.identity.AccessRevoked;
import org.intersession.platform.event.identity.CareTeamChanged;
import org.intersession.platform.event.identity.ClientProfileChanged;
import org.intersession.platform.event.identity.UserChanged;
import org.intersession.platform.security.TokenRevocations;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Optional;
import java.util.UUID;

/**
 * What a service knows of identity, replicated from the gateway's events: care teams and client profiles.
 * A service never calls the gateway to authorize or to find a client's time zone; it answers from these tables.
 * Services opt in by adding {@code db/identity} to {@code quarkus.flyway.locations}.
 */
@ApplicationScoped
public class IdentityReplica {

    private final EventCodec codec;
    private final TokenRevocations revocations;

    IdentityReplica(EventCodec codec, TokenRevocations revocations) {
        this.codec = codec;
        this.revocations = revocations;
    }

    /** Whether the therapist is in the client's care team, in the current clinic ({@link CareTeamScope}). */
    @Transactional
    public boolean caresFor(UUID therapistId, UUID clientId) {
        return CareTeamScope.REPLICA.caresFor(therapistId, clientId);
    }

    /**
     * Whether the client is one of the current clinic's, as far as this replica knows yet (a profile or a care-team
     * link has arrived). Reads about one client check this first, so another clinic's client is a 404, not an empty
     * answer.
     */
    public static boolean knowsClient(UUID clientId) {
        return ClientProfileReplica.count("clientId", clientId) > 0 || CareTeamMember.count("clientId", clientId) > 0;
    }

    /** The client's IANA zone, if their profile has arrived. */
    @Transactional
    public Optional<ZoneId> zoneOf(UUID clientId) {
        return profileOf(clientId).map(p -> ZoneId.of(p.timeZone));
    }

    @Transactional
    public Optional<ClientProfileReplica> profileOf(UUID clientId) {
        return ClientProfileReplica.findByIdOptional(clientId);
    }

    /**
     * Applies a care-team or profile event, and the revocations of access (a deactivated user, an ended session, a
     * revoked API client) to this service's token checks. Other identity events are not its business. Idempotent.
     * Runs for the event's clinic ({@code ConsumerTransaction}): the rows it writes carry that clinic.
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
            CareTeamMember.delete("clientId = ?1 and therapistId = ?2", unlinked.clientId(), unlinked.therapistId());
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
        profile.channels = changed.channels() == null ? new ArrayList<>() : new ArrayList<>(changed.channels());
        profile.changedAt = at;
        profile.persist();
    }

    private static OffsetDateTime timeOf(CloudEvent event) {
        return event.time() != null ? event.time() : OffsetDateTime.now(ZoneOffset.UTC);
    }
}
