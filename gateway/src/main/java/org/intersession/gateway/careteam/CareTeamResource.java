package org.intersession.gateway.careteam;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.intersession.platform.security.CurrentCaller;

import java.util.UUID;

@Tag(name = "Care teams", description = "Which therapists care for which clients.")
@Path("/api/v1/clients/{clientId}/care-team/{therapistId}")
@Authenticated
public class CareTeamResource {

    /** The answer when a therapist joins a care team. */
    public record CareTeamMembership(UUID clientId, UUID therapistId) {
    }

    private final CareTeamService careTeams;
    private final CurrentCaller caller;

    CareTeamResource(CareTeamService careTeams, CurrentCaller caller) {
        this.careTeams = careTeams;
        this.caller = caller;
    }

    /** 201 when the therapist joins the care team, 204 when they were in it already. */
    @Operation(operationId = "addCareTeamMember", summary = "Add a therapist to a client's care team",
            description = "The therapist may then see and assign the client's homework. Idempotent: 201 when the therapist joins, 204 when they were in the team already.")
    @APIResponse(responseCode = "201", description = "The therapist joined the care team.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CareTeamMembership.class)))
    @APIResponse(responseCode = "204", description = "The therapist was in the care team already.")
    @PUT
    @Produces(MediaType.APPLICATION_JSON)
    public Response link(@PathParam("clientId") UUID clientId, @PathParam("therapistId") UUID therapistId) {
        return careTeams.link(caller.get(), clientId, therapistId)
                ? Response.status(Response.Status.CREATED).entity(new CareTeamMembership(clientId, therapistId)).build()
                : Response.noContent().build();
    }

    @Operation(operationId = "removeCareTeamMember", summary = "Remove a therapist from a client's care team",
            description = "The therapist no longer sees the client's homework.")
    @APIResponse(responseCode = "204", description = "Removed.")
    @DELETE
    public Response unlink(@PathParam("clientId") UUID clientId, @PathParam("therapistId") UUID therapistId) {
        careTeams.unlink(caller.get(), clientId, therapistId);
        return Response.noContent().build();
    }
}
