package org.intersession.notification.notification;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.intersession.notification.stream.NotificationStreams;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.CurrentCaller;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.util.UUID;

@Tag(name = "Notifications", description = "The in-app inbox: reminders, alerts and news, and its live stream.")
@Path("/api/v1/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final NotificationService notifications;
    private final NotificationStreams streams;
    private final CurrentCaller caller;

    NotificationResource(NotificationService notifications, NotificationStreams streams, CurrentCaller caller) {
        this.notifications = notifications;
        this.streams = streams;
        this.caller = caller;
    }

    /**
     * New notifications as they arrive, each as {@code event: notification} with the list view's JSON and its id, so a
     * reconnecting client's {@code Last-Event-ID} replays what it missed (bounded); comment lines keep it alive. A
     * stream ends when its token expires or is revoked; the client reconnects with a fresh one.
     */
    @Operation(operationId = "streamNotifications", summary = "Stream new notifications (server-sent events)",
            description = "New notifications as they arrive, in the text/event-stream format a browser's EventSource reads: each is `id:` (the notification's id), `event: notification` and `data:` (the inbox item's JSON, as in the list), so that a reconnecting client's Last-Event-ID replays what it missed (bounded). The stream opens with a `retry:` (milliseconds to wait before reconnecting), and comment lines keep the connection alive. A stream ends when its token expires or is revoked; reconnect with a fresh token.")
    @APIResponse(responseCode = "200", description = "An open text/event-stream: `id:`, `event:`, `data:` (JSON) and `retry:` fields, and comment lines.",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, maxLength = 65536)))
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public void stream(@Context SseEventSink sink, @Context Sse sse, @HeaderParam("Last-Event-ID") @Size(max = 36) String lastEventId) {
        streams.open(caller.get(), caller.lifetime(), sink, sse,
                lastEventId == null || lastEventId.isBlank() ? null : eventId(lastEventId));
    }

    private static UUID eventId(String value) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalidField("Last-Event-ID", "must be the id of an event this stream sent");
        }
    }

    @Operation(operationId = "listNotifications", summary = "List the inbox",
            description = "The caller's notifications, newest first.")
    @GET
    public Page<NotificationView> inbox(
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) {
        return notifications.inbox(caller.get(), limit, Cursor.decode(cursor));
    }

    @Operation(operationId = "countUnreadNotifications", summary = "Count unread notifications",
            description = "How many of the caller's notifications are unread.")
    @GET
    @Path("unread-count")
    public NotificationService.UnreadCount unreadCount() {
        return notifications.unread(caller.get());
    }

    @Operation(operationId = "markNotificationRead", summary = "Mark a notification read",
            description = "Marks one of the caller's notifications as read; marking it again changes nothing.")
    @POST
    @Path("{id}/read")
    public NotificationView markRead(@PathParam("id") UUID id) {
        return notifications.markRead(caller.get(), id);
    }
}
