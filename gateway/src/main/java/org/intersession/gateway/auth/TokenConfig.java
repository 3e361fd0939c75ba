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

    /**
     * Invitations a clinic may have open (unused, unexpired) at once; one more is a 409. Bounds what a stolen admin
     * account or a runaway script can send to strangers' mailboxes (OWASP API6).
     */
    @WithDefault("200")
    int maxPendingInvitationsPerClinic();
}
