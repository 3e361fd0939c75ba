package org.intersession.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "intersession.gateway")
public interface GatewayConfig {

    Upstreams upstreams();

    /** How long a proxied request may take before the gateway answers 504. */
    @WithDefault("30s")
    Duration upstreamTimeout();

    Keys keys();

    /**
     * Paths the gateway serves for itself but not to callers (production: its metrics, full health report and partial
     * OpenAPI document); each answers a 404 problem, as if absent. An entry ending in /* also covers what lies below.
     */
    Optional<List<String>> unpublishedPaths();

    /** Each service's base URLs: one per instance, comma-separated in a single setting. */
    interface Upstreams {
        List<String> assignment();

        List<String> progress();

        List<String> notification();
    }

    interface Keys {
        /** Holds the RSA signing keys and the JWKS derived from them; keep it on a persistent, private volume. */
        Path directory();

        /** How long a retired key keeps verifying after a rotation; at least the access-token lifetime. */
        @WithDefault("1h")
        Duration overlap();
    }
}
