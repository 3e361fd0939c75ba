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
import org.intersession.platform.security.CurrentCaller;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.net.URI;
import java.util.UUID;

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

    @POST
    @Path("reviews")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response record(ReviewInput input) {
        ReviewView review = reviews.record(caller.get(), input);
        return Response.created(URI.create("/api/v1/clients/" + review.clientId() + "/reviews")).entity(review).build();
    }

    @GET
    @Path("clients/{clientId}/reviews")
    public Page<ReviewView> list(@PathParam("clientId") UUID clientId,
                                 @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                 @QueryParam("cursor") @Size(max = 200) String cursor) {
        return reviews.list(caller.get(), clientId, limit, Cursor.decode(cursor));
    }
}
