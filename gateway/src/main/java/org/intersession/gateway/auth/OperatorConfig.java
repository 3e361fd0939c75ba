package org.intersession.gateway.auth;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The bootstrap platform operator, from the environment. Without a password there is no operator login. */
@ConfigMapping(prefix = "intersession.operator")
public interface OperatorConfig {

    String email();

    Optional<String> password();
}
