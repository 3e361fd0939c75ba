package org.intersession.platform.careteam;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.identity.CareTeamChanged;

import java.util.UUID;

/**
 * The local care-team replica: kept current from identity events, asked whether a therapist cares for a client.
 * A service never calls the gateway to authorize; it answers from this table.
 */
@ApplicationScoped
public class CareTeams {

    /** JPQL condition for "the therapist :therapist is in the care team of {alias}.clientId". */
    public static final String THERAPIST_CARES_FOR = "exists (select 1 from CareTeamMember m where m.clientId = %s.clientId"
            + " and m.therapistId = :therapist and m.clinicId = :clinic)";

    private final EventCodec codec;

    CareTeams(EventCodec codec) {
        this.codec = codec;
    }

    @Transactional
    public boolean caresFor(UUID clinicId, UUID therapistId, UUID clientId) {
        return CareTeamMember.count("clinicId = ?1 and therapistId = ?2 and clientId = ?3", clinicId, therapistId, clientId) > 0;
    }

    /** Applies a care-team event; other identity events are not this replica's business. Idempotent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CloudEvent event) {
        if (event.hasType(CareTeamChanged.LINKED)) {
            CareTeamChanged linked = codec.data(event, CareTeamChanged.class);
            if (CareTeamMember.findById(new CareTeamMember.Key(linked.clientId(), linked.therapistId())) == null) {
                CareTeamMember member = new CareTeamMember();
                member.clientId = linked.clientId();
                member.therapistId = linked.therapistId();
                member.clinicId = linked.clinicId();
                member.linkedAt = event.time() != null ? event.time() : java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
                member.persist();
            }
        } else if (event.hasType(CareTeamChanged.UNLINKED)) {
            CareTeamChanged unlinked = codec.data(event, CareTeamChanged.class);
            CareTeamMember.delete("clientId = ?1 and therapistId = ?2 and clinicId = ?3",
                    unlinked.clientId(), unlinked.therapistId(), unlinked.clinicId());
        }
    }
}
