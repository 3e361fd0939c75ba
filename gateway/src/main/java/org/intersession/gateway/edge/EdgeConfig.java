package org.intersession.gateway.edge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits the gateway enforces before anything else runs. Counters are per gateway instance. */
@ConfigMapping(prefix = "intersession.edge")
public interface EdgeConfig {

    /** Requests per minute for one authenticated principal (a user or an API client). */
    @WithDefault("600")
    int requestsPerMinute();

    /** Requests per minute from one address to the authentication endpoints, which take no token. */
    @WithDefault("30")
    int authRequestsPerMinute();

    /** Requests per minute from one address without a valid token, anywhere else. */
    @WithDefault("120")
    int anonymousRequestsPerMinute();

    /**
     * Requests per minute from one address to what is public outside the API (the API document, the key set, Swagger
     * UI): the services fetch the key set from here too, so it has a budget of its own.
     */
    @WithDefault("600")
    int publicRequestsPerMinute();

    /** Largest request body accepted, in bytes; larger is a 413. */
    @WithDefault("1048576")
    long maxBodyBytes();
}
