package org.intersession.platform.event.progress;

import java.time.Instant;
import java.util.UUID;

/** An occurrence's window closed without any entry. Published once per occurrence, by whichever instance saw it first. */
public record OccurrenceMissed(UUID assignmentId, UUID clinicId, UUID clientId, UUID therapistId, String occurrenceKey,
                               Instant dueAt, Instant windowEnd) {

    public static final String TYPE = "org.intersession.progress.occurrence-missed.v1";
}
