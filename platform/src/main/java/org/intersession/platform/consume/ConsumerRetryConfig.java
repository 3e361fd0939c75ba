package org.intersession.platform.consume;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How a consumer waits for its database to come back before it tries an event's transaction again. */
@ConfigMapping(prefix = "intersession.consumer.retry")
public interface ConsumerRetryConfig {

    /** The pause after the first failed attempt; each further failure doubles it. */
    @WithDefault("200ms")
    Duration initialBackoff();

    /** The longest pause between two attempts, however long the outage lasts. */
    @WithDefault("5s")
    Duration maxBackoff();
}
