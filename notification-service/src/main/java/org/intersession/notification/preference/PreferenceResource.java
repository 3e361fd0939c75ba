package org.intersession.notification.preference;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.intersession.platform.security.CurrentCaller;

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
            description = "The caller's channels, quiet hours and digest times (the defaults until they are set).")
    @GET
    public PreferencesInput get() {
        return preferences.get(caller.get());
    }

    @Operation(operationId = "putNotificationPreferences", summary = "Set notification preferences",
            description = "Replaces the caller's notification preferences. They are the one place for quiet hours (a reminder "
                    + "inside them waits for their end; those not sent yet move at once) and for email consent (EMAIL among the channels).")
    @PUT
    public PreferencesInput put(PreferencesInput input) {
        return preferences.put(caller.get(), input);
    }
}
