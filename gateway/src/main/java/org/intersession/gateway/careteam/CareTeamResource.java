package org.intersession.gateway.careteam;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.intersession.platform.security.CurrentCaller;

import java.util.UUID;

@Path("/api/v1/clients/{clientId}/care-team/{therapistId}")
@Authenticated
public class CareTeamResource {

    private final CareTeamService careTeams;
    private final CurrentCaller caller;

    CareTeamResource(CareTeamService careTeams, CurrentCaller caller) {
        this.careTeams = careTeams;
        this.caller = caller;
    }

    /** 201 when the therapist joins the care team, 204 when they were in it already. */
    @PUT
    public Response link(@PathParam("clientId") UUID clientId, @PathParam("therapistId") UUID therapistId) {
        return careTeams.link(caller.get(), clientId, therapistId)
                ? Response.status(Response.Status.CREATED).build()
                : Response.noContent().build();
    }

    @DELETE
    public Response unlink(@PathParam("clientId") UUID clientId, @PathParam("therapistId") UUID therapistId) {
        careTeams.unlink(caller.get(), clientId, therapistId);
        return Response.noContent().build();
    }
}
