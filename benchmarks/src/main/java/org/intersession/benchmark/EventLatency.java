package org.intersession.benchmark;

import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * From a progress post's 201 to the therapist's notification: the entry's progress.recorded event is found in
 * progress-service's outbox (its subject names the entry), and the notification notification-service wrote for
 * that event (its source event id names the event) carries the time it was created. Both clocks are this machine's.
 */
final class EventLatency {

    private EventLatency() {
    }

    static Measurement measure(Function<String, String> jdbcUrl, Map<UUID, Instant> answered, double rate) throws SQLException {
        Map<String, UUID> entryByEvent = new HashMap<>();
        try (Connection db = Seeder.connect(jdbcUrl.apply("progress")); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("""
                     select event_id::text, cast(envelope as json) ->> 'subject' from outbox_event
                     where type = 'org.intersession.progress.recorded.v1'""")) {
            while (rs.next()) {
                String subject = rs.getString(2);
                UUID entry = UUID.fromString(subject.substring(subject.lastIndexOf('/') + 1));
                if (answered.containsKey(entry)) {
                    entryByEvent.put(rs.getString(1), entry);
                }
            }
        }
        Histogram micros = new Histogram(LoadDriver.HIGHEST_MICROS, 3);
        int found = 0;
        try (Connection db = Seeder.connect(jdbcUrl.apply("notification")); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("select source_event_id, created_at from notification where kind = 'progress.recorded'")) {
            while (rs.next()) {
                String source = rs.getString(1);
                UUID entry = entryByEvent.get(source.substring(source.indexOf('#') + 1));
                if (entry == null) {
                    continue;
                }
                Instant notified = rs.getObject(2, OffsetDateTime.class).toInstant();
                long latency = Math.max(0, Duration.between(answered.get(entry), notified).toNanos() / 1000);
                micros.recordValue(Math.min(LoadDriver.HIGHEST_MICROS, latency));
                found++;
            }
        }
        return Measurement.of("d. POST answer to therapist's inbox notification", "open " + LoadDriver.fmt(rate) + "/s",
                Double.NaN, answered.size() - found, micros);
    }
}
