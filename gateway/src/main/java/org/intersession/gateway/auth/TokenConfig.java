package org.intersession.gateway.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "intersession.tokens")
public interface TokenConfig {

    @WithDefault("15m")
    Duration accessTokenLifetime();

    @WithDefault("30d")
    Duration refreshTokenLifetime();

    @WithDefault("7d")
    Duration invitationLifetime();
}
