package org.intersession.platform.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits on a request's line and headers that the application checks itself, so that a request over them is answered
 * with a problem. They must stay below the HTTP codec's own limits ({@code quarkus.http.limits.max-initial-line-length}
 * and {@code max-header-size}), past which the codec answers a bare 414 or 431 before any handler runs.
 */
@ConfigMapping(prefix = "intersession.http")
public interface HttpLimitsConfig {

    /** Characters of the request target (path and query); a longer one is a 414 problem. */
    @WithDefault("4096")
    int maxUriLength();

    /** Bytes of all header names and values together; more is a 431 problem. */
    @WithDefault("20480")
    int maxHeaderBytes();
}
