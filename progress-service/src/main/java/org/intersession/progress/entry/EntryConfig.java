package org.intersession.progress.entry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** What a client's own {@code completedAt} may say: apps log offline and sync later, but not from the future. */
@ConfigMapping(prefix = "intersession.progress.entries")
public interface EntryConfig {

    /** How far ahead of the server's clock {@code completedAt} may be, for phones whose clocks run fast. */
    @WithDefault("5m")
    Duration completedAtClockSkew();

    /** How long ago {@code completedAt} may be: an offline app syncs within weeks, not months. */
    @WithDefault("31d")
    Duration completedAtMaxAge();
}
