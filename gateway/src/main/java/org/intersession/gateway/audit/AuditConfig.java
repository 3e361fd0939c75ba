package org.intersession.gateway.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "intersession.audit")
public interface AuditConfig {

    /**
     * Addresses (such as 10.0.0.7) or CIDR ranges (such as 10.0.0.0/8) of the reverse proxies in front of the gateway.
     * Only a connection from one of them may name the caller's address in X-Forwarded-For; by default none may.
     */
    Optional<List<String>> trustedProxies();

    /** How records reach the database: see {@link AuditWriter}. */
    Writer writer();

    /** Write-ahead intents of creates, updates and deletes: see {@link AuditIntentSweeper}. */
    Intent intent();

    interface Intent {

        /**
         * How old an intent must be before the sweeper records it as UNCONFIRMED. Keep it well above the writer's
         * write timeout plus the gateway's upstream timeout, so that no request still waiting for its answer is swept.
         */
        @WithDefault("2m")
        Duration gracePeriod();

        /** How often the sweeper runs; it also catches up on intents left by a gateway that was stopped or killed. */
        @WithDefault("30s")
        Duration sweepInterval();

        /** Intents recorded in one sweep (one transaction) at most; the rest wait for the next run. */
        @WithDefault("500")
        int sweepBatch();
    }

    interface Writer {

        /** Records waiting for their batch; a request arriving when this many wait is answered 503. */
        @WithDefault("10000")
        int queueCapacity();

        /** Threads that insert batches side by side, each with one pooled connection while it writes. */
        @WithDefault("4")
        int threads();

        /** Records inserted in one transaction at most. */
        @WithDefault("500")
        int maxBatch();

        /** How long a request waits for its record's commit before it is answered 503. */
        @WithDefault("10s")
        Duration writeTimeout();

        /** How long shutdown waits for queued records to be written. */
        @WithDefault("10s")
        Duration shutdownTimeout();
    }
}
