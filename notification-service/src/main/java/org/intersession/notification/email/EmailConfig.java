package org.intersession.notification.email;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Email delivery: retries, the bound on one SMTP conversation, and how often due emails are looked for. */
@ConfigMapping(prefix = "intersession.email")
public interface EmailConfig {

    /** The wait after each failed attempt; one more failure after the last gives up and tells the clinic's admins. */
    @WithDefault("30s,2m,10m,30m,1h,2h,4h")
    List<Duration> retrySchedule();

    /** Each wait is spread by up to this fraction either way. */
    @WithDefault("0.2")
    double retryJitter();

    /** Bounds one SMTP conversation; longer counts as a failed attempt. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** Emails claimed per round; they are sent in parallel, by this many threads at most. */
    @WithDefault("10")
    int batchSize();

    /** How often the dispatcher looks for due emails ("off" stops it). */
    @WithDefault("2s")
    String dispatchInterval();
}
