package org.intersession.platform.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "intersession.inbox")
public interface InboxConfig {

    /**
     * How long a processed event's id is remembered. A redelivery after that would be processed again, so keep it
     * well above the topics' retention (7 days by default): Kafka cannot redeliver what it no longer has.
     */
    @WithDefault("P14D")
    Duration retention();

    /** Rows deleted per transaction, so that pruning never holds long locks. */
    @WithDefault("5000")
    int pruneBatchSize();
}
