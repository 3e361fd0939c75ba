package org.intersession.progress.adherence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of adherence reads. */
@ConfigMapping(prefix = "intersession.adherence")
public interface AdherenceConfig {

    /**
     * Schedule expansions (one per assignment schedule, zone and range) kept in memory, least recently used dropped
     * first. A therapist's 100-client caseload reads 400; one expansion of 28 daily occurrences takes some 8 KB.
     */
    @WithDefault("2000")
    int expansionCacheEntries();
}
