package org.intersession.progress.adherence;

import jakarta.enterprise.context.ApplicationScoped;
import org.intersession.platform.schedule.Occurrence;
import org.intersession.platform.schedule.OccurrenceExpander;
import org.intersession.platform.schedule.Schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The occurrences of a schedule in a range, remembered: a caseload expands the same 400 (schedule, zone, range)
 * combinations on every read of the day, and expanding was a third of its time. The key is the schedule itself, not
 * the assignment, so a changed schedule is simply another key and nothing needs invalidating.
 */
@ApplicationScoped
class ScheduleExpansions {

    private record Key(Schedule schedule, ZoneId zone, Instant from, Instant to) {
    }

    private final OccurrenceExpander expander = new OccurrenceExpander();
    private final Map<Key, List<Occurrence>> recent;

    ScheduleExpansions(AdherenceConfig config) {
        int capacity = config.expansionCacheEntries();
        recent = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, List<Occurrence>> eldest) {
                return size() > capacity;
            }
        });
    }

    /** The occurrences due in {@code [from, to)}, as {@link OccurrenceExpander#expand} gives them (an immutable list). */
    List<Occurrence> expand(Schedule schedule, ZoneId zone, Instant from, Instant to) {
        Key key = new Key(schedule, zone, from, to);
        List<Occurrence> occurrences = recent.get(key);
        if (occurrences == null) {
            occurrences = expander.expand(schedule.toSpec(), zone, from, to);
            recent.put(key, occurrences);
        }
        return occurrences;
    }
}
