package org.intersession.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "intersession.outbox")
public interface OutboxConfig {

    /** Rows published per transaction. */
    @WithDefault("200")
    int batchSize();

    /** How long the relay waits for the broker to acknowledge a batch before leaving it for the next round. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** Sent rows are kept this long for inspection, then deleted. */
    @WithDefault("P7D")
    Duration retention();
}
