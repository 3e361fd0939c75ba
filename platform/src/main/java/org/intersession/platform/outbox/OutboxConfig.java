package org.intersession.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "intersession.outbox")
public interface OutboxConfig {

    /**
     * How often the relay looks for pending rows. Each commit that appends events wakes it at once, so this only
     * matters for rows left pending by a broker outage or a restart. Read by the relay's schedule.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Rows published per transaction. */
    @WithDefault("200")
    int batchSize();

    /** How long the relay waits for the broker to acknowledge a batch before leaving it for the next round. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** How often the backlog meters ({@link OutboxMeters}) are read from the table. Read by their schedule. */
    @WithDefault("15s")
    Duration metersInterval();

    /** Sent rows are kept this long for inspection, then deleted. */
    @WithDefault("P7D")
    Duration retention();
}
