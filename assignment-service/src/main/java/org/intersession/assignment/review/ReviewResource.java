package org.intersession.assignment.review;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
import org.intersession.platform.security.CurrentCaller;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.net.URI;
import java.util.UUID;

@Tag(name = "Session reviews", description = "What therapist and client went over at a session, per assignment.")
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private final ReviewService reviews;
    private final CurrentCaller caller;

    ReviewResource(ReviewService reviews, CurrentCaller caller) {
        this.reviews = reviews;
        this.caller = caller;
    }

    @Operation(operationId = "createReview", summary = "Record a session review",
            description = "A therapist records, for one client, how each assignment went and what was decided. The pre-session summary covers the time since the last review.")
    @APIResponse(responseCode = "201", description = "Created; Location is the client's list of reviews.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReviewView.class)),
            headers = {@Header(name = "Location")})
    @APIResponse(responseCode = "404", description = "The client, or an assignment of the review, is not visible to the caller.")
    @Parameter(name = IdempotentCreateInterceptor.HEADER, in = ParameterIn.HEADER)
    @IdempotentCreate
    @POST
    @Path("reviews")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response record(ReviewInput input) {
        ReviewView review = reviews.record(caller.get(), input);
        return Response.created(URI.create("/api/v1/clients/" + review.clientId() + "/reviews")).entity(review).build();
    }

    @Operation(operationId = "listClientReviews", summary = "List a client's session reviews",
            description = "The session reviews of one client, newest first.")
    @GET
    @Path("clients/{clientId}/reviews")
    public Page<ReviewView> list(@PathParam("clientId") UUID clientId,
                                 @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                 @QueryParam("cursor") @Size(max = 200) String cursor) {
        return reviews.list(caller.get(), clientId, limit, Cursor.decode(cursor));
    }
}
