package org.intersession.gateway.user;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.CurrentCaller;
import org.intersession.platform.security.Role;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.util.UUID;

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
    @POST
    public Response create(NewUser request, UriInfo uri) {
        InvitedUser created = users.create(caller.get(), request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.user().id().toString()).build()).entity(created).build();
    }

    @GET
    public Page<UserView> list(@QueryParam("role") Role role,
                               @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                               @QueryParam("cursor") @Size(max = 200) String cursor) {
        return users.list(caller.get(), role, limit, Cursor.decode(cursor));
    }

    @GET
    @Path("{id}")
    public UserView get(@PathParam("id") UUID id) {
        return users.find(caller.get(), id).orElseThrow(() -> ApiProblemException.notFound("User"));
    }

    @PATCH
    @Path("{id}")
    public UserView update(@PathParam("id") UUID id, UserPatch patch) {
        return users.update(caller.get(), id, patch);
    }

    /**
     * Invites a user again who has not accepted yet; earlier codes stop working. The code is in the answer for a
     * clinic admin only; an app's invitee receives it by email.
     */
    @POST
    @Path("{id}/invitations")
    @Consumes(MediaType.WILDCARD)
    public InvitedUser reinvite(@PathParam("id") UUID id) {
        return users.reinvite(caller.get(), id);
    }

    /** Deactivated users cannot log in, and every session they had is revoked. */
    @POST
    @Path("{id}/deactivate")
    @Consumes(MediaType.WILDCARD)
    public UserView deactivate(@PathParam("id") UUID id) {
        return users.deactivate(caller.get(), id);
    }
}
