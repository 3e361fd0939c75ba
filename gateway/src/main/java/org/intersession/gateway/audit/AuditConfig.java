package org.intersession.gateway.audit;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "intersession.audit")
public interface AuditConfig {

    /**
     * Addresses (such as 10.0.0.7) or CIDR ranges (such as 10.0.0.0/8) of the reverse proxies in front of the gateway.
     * Only a connection from one of them may name the caller's address in X-Forwarded-For; by default none may.
     */
    Optional<List<String>> trustedProxies();
}
