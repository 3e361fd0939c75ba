package org.intersession.platform.event.identity;

import java.util.UUID;

/** A therapist joined or left a client's care team. Services keep a replica to scope what therapists may see. */
public record CareTeamChanged(UUID clinicId, UUID clientId, UUID therapistId) {

    public static final String LINKED = "org.intersession.identity.care-team.linked.v1";
    public static final String UNLINKED = "org.intersession.identity.care-team.unlinked.v1";
}
