package org.intersession.notification.preference;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.intersession.platform.security.CurrentCaller;

/** The calling user's notification preferences. */
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

    @GET
    public PreferencesInput get() {
        return preferences.get(caller.get());
    }

    @PUT
    public PreferencesInput put(PreferencesInput input) {
        return preferences.put(caller.get(), input);
    }
}
