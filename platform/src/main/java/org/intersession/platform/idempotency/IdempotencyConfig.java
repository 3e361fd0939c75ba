package org.intersession.platform.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "intersession.idempotency")
public interface IdempotencyConfig {

    /** How long a key and its answer are kept for a retry; after that the key is free again. */
    @WithDefault("PT24H")
    Duration retention();

    /**
     * How long a retry waits for a first request with its key that is still running, before it answers 409. The
     * first one usually ends within milliseconds, and the retry then gets its answer.
     */
    @WithDefault("5s")
    Duration inFlightWait();

    /**
     * A first request that has not finished after this long is taken as failed, and its key is free again. Its create
     * and its stored answer commit together, so an unfinished one created nothing; this must exceed the longest a
     * transaction may run (60 s by default).
     */
    @WithDefault("2m")
    Duration abandonedAfter();
}
