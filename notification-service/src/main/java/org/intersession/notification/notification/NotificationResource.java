package org.intersession.notification.notification;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.intersession.platform.security.CurrentCaller;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

@Path("/api/v1/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final NotificationService notifications;
    private final CurrentCaller caller;

    NotificationResource(NotificationService notifications, CurrentCaller caller) {
        this.notifications = notifications;
        this.caller = caller;
    }

    @GET
    public Page<NotificationView> inbox(
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) {
        return notifications.inbox(caller.get(), limit, Cursor.decode(cursor));
    }

    @GET
    @Path("unread-count")
    public NotificationService.UnreadCount unreadCount() {
        return notifications.unread(caller.get());
    }

    @POST
    @Path("{id}/read")
    public NotificationView markRead(@PathParam("id") java.util.UUID id) {
        return notifications.markRead(caller.get(), id);
    }
}
