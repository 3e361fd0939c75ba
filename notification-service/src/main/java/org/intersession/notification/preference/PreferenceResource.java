package org.intersession.notification.preference;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
import org.intersession.platform.security.CurrentCaller;
import org.intersession.platform.web.ETags;

/** The calling user's notification preferences. */
@Tag(name = "Notification preferences", description = "How and when the caller is notified.")
@Path("/api/v1/notification-preferences")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PreferenceResource {

    private final PreferenceService preferences;
    private final CurrentCaller caller;

    PreferenceResource(PreferenceService preferences, CurrentCaller caller) {
        this.preferences = preferences;
        this.caller = caller;
    }

    @Operation(operationId = "getNotificationPreferences", summary = "Read notification preferences",
            description = "The caller's channels, quiet hours and digest times (the defaults until they are set), with their ETag for a later change.")
    @APIResponse(responseCode = "200", description = "The preferences; while none are stored, the defaults with ETag \"0\".",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PreferencesInput.class)),
            headers = {@Header(name = "ETag")})
    @GET
    public Response get() {
        return ETags.ok(preferences.get(caller.get()));
    }

    /** An upsert of the caller's singleton: If-Match is needed once preferences are stored, not for the first PUT. */
    @Operation(operationId = "putNotificationPreferences", summary = "Set notification preferences",
            description = "Replaces the caller's notification preferences. They are the one place for quiet hours (a reminder "
                    + "inside them waits for their end; those not sent yet move at once) and for email consent (EMAIL among the "
                    + "channels). The first PUT needs no If-Match; once preferences are "
                    + "stored, every PUT needs If-Match with the ETag from a read, so that two devices do not overwrite each "
                    + "other unseen. An If-Match that is sent is always checked (the defaults have ETag \"0\").")
    @APIResponse(responseCode = "200", description = "The stored preferences.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PreferencesInput.class)),
            headers = {@Header(name = "ETag")})
    @APIResponse(responseCode = "412", description = "The preferences changed since the ETag in If-Match was read.")
    @APIResponse(responseCode = "428", description = "Preferences are stored and If-Match is missing.")
    @PUT
    public Response put(@Parameter(name = ETags.IF_MATCH, in = ParameterIn.HEADER, required = false,
                                description = "The ETag from a read; needed once preferences are stored. A stale one is a 412.")
                        @HeaderParam(ETags.IF_MATCH) String ifMatch,
                        PreferencesInput input) {
        return ETags.ok(preferences.put(caller.get(), ifMatch, input));
    }
}
