package org.intersession.notification.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits of the live notification stream. */
@ConfigMapping(prefix = "intersession.notification.stream")
public interface StreamConfig {

    /** Open streams per user at once (a phone, a tablet, a few browser tabs); one more is refused with 429. */
    @WithDefault("5")
    int maxPerUser();

    /** Open streams per instance at once. */
    @WithDefault("2000")
    int maxPerInstance();

    /** How often a comment line keeps idle connections (and proxies in between) open. */
    @WithDefault("15s")
    Duration heartbeat();

    /** At most this many missed notifications are replayed after Last-Event-ID; older ones are in the inbox list. */
    @WithDefault("100")
    int replayLimit();

    /** The {@code retry:} a client's EventSource is given: how long it waits before reconnecting after a drop. */
    @WithDefault("3s")
    Duration clientRetry();

    /** How long the listener waits before reconnecting after losing its database connection. */
    @WithDefault("2s")
    Duration reconnectDelay();
}
