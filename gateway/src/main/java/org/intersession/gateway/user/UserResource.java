package org.intersession.gateway.user;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.intersession.platform.idempotency.IdempotentCreate;
import org.intersession.platform.idempotency.IdempotentCreateInterceptor;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.CurrentCaller;
import org.intersession.platform.security.Role;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.ETags;
import org.intersession.platform.web.Page;

import java.util.UUID;

@Tag(name = "Users", description = "A clinic's admins, therapists and clients.")
@Path("/api/v1/users")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final UserService users;
    private final CurrentCaller caller;

    UserResource(UserService users, CurrentCaller caller) {
        this.users = users;
        this.caller = caller;
    }

    /**
     * Invites a user; the invitee receives the one-time invitation code by email. A clinic admin also finds it in the
     * answer; an app never does, and may invite clients only.
     */
    @Operation(operationId = "createUser", summary = "Invite a user",
            description = "Invites a clinic admin, therapist or client; the invitee receives the one-time invitation code by email. A clinic admin also finds the code in the answer; an API client never does (invitationToken is null), and may invite clients only.")
    @APIResponse(responseCode = "201", description = "Created; Location is the new user.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InvitedUser.class)),
            headers = {@Header(name = "Location")})
    @APIResponse(responseCode = "409", description = "A user with this email exists, or the clinic has as many open invitations as it may. Or: " + IdempotentCreate.NOT_REPLAYED_CONFLICT)
    @Parameter(name = IdempotentCreateInterceptor.HEADER, in = ParameterIn.HEADER,
            description = IdempotentCreate.NOT_REPLAYED)
    @IdempotentCreate(replay = false)
    @POST
    public Response create(NewUser request, UriInfo uri) {
        InvitedUser created = users.create(caller.get(), request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.user().id().toString()).build()).entity(created).build();
    }

    @Operation(operationId = "listUsers", summary = "List users",
            description = "The clinic's users the caller may see, filtered by role.")
    @GET
    public Page<UserView> list(@QueryParam("role") Role role,
                               @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                               @QueryParam("cursor") @Size(max = 200) String cursor) {
        return users.list(caller.get(), role, limit, Cursor.decode(cursor));
    }

    @Operation(operationId = "getUser", summary = "Read a user",
            description = "One user of the clinic, with its ETag for a later change.")
    @APIResponse(responseCode = "200", description = "The user.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)),
            headers = {@Header(name = "ETag")})
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
        return ETags.ok(users.find(caller.get(), id).orElseThrow(() -> ApiProblemException.notFound("User")));
    }

    @Operation(operationId = "updateUser", summary = "Change a user",
            description = "Changes the given fields of a user, such as a client's time zone or contact channels. Needs If-Match with the ETag from a read: a change made meanwhile by someone else is a 412, not lost.")
    @APIResponse(responseCode = "200", description = "The changed user.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)),
            headers = {@Header(name = "ETag")})
    @APIResponse(responseCode = "412", description = "The user changed since the ETag in If-Match was read.")
    @APIResponse(responseCode = "428", description = "If-Match is missing.")
    @PATCH
    @Path("{id}")
    public Response update(@PathParam("id") UUID id, @HeaderParam(ETags.IF_MATCH) String ifMatch, UserPatch patch) {
        return ETags.ok(users.update(caller.get(), id, ifMatch, patch));
    }

    /**
     * Invites a user again who has not accepted yet; earlier codes stop working. The code is in the answer for a
     * clinic admin only; an app's invitee receives it by email.
     */
    @Operation(operationId = "reinviteUser", summary = "Invite a user again",
            description = "Sends a new invitation to a user who has not accepted yet; earlier codes stop working. The code is in the answer for a clinic admin only (invitationToken is null for an API client, whose invitee receives it by email).")
    @APIResponse(responseCode = "200", description = "The new invitation.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InvitedUser.class)))
    @APIResponse(responseCode = "409", description = "The user has already accepted an invitation, or the clinic has as many open invitations as it may. Or: " + IdempotentCreate.NOT_REPLAYED_CONFLICT)
    @Parameter(name = IdempotentCreateInterceptor.HEADER, in = ParameterIn.HEADER,
            description = IdempotentCreate.NOT_REPLAYED)
    @IdempotentCreate(replay = false)
    @POST
    @Path("{id}/invitations")
    @Consumes(MediaType.WILDCARD)
    public InvitedUser reinvite(@PathParam("id") UUID id) {
        return users.reinvite(caller.get(), id);
    }

    /** Deactivated users cannot log in, and every session they had is revoked. */
    @Operation(operationId = "deactivateUser", summary = "Deactivate a user",
            description = "A deactivated user cannot log in, and every session they had is revoked.")
    @APIResponse(responseCode = "200", description = "The deactivated user.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)),
            headers = {@Header(name = "ETag")})
    @POST
    @Path("{id}/deactivate")
    @Consumes(MediaType.WILDCARD)
    public Response deactivate(@PathParam("id") UUID id) {
        return ETags.ok(users.deactivate(caller.get(), id));
    }
}
