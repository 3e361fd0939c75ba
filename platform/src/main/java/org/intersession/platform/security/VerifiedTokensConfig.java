package org.intersession.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "intersession.jwt.verified-cache")
public interface VerifiedTokensConfig {

    /** Tokens remembered at most (about 3 KB each); 0 turns the cache off and verifies every request's token. */
    @WithDefault("2000")
    int maxEntries();

    /** The longest a verification is reused, however long the token still runs; 0 turns the cache off. */
    @WithDefault("5M")
    Duration maxAge();
}
