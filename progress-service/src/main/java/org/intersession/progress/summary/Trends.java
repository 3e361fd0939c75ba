package org.intersession.progress.summary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.intersession.platform.schema.Field;
import org.intersession.platform.schema.FieldSchema;
import org.intersession.progress.entry.ProgressEntry;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Time series of every rating and numeric answer of an assignment's entries, in occurrence order, ready for charts. */
public final class Trends {

    @Schema(name = "TrendPoint")
    public record Point(String occurrenceKey, OffsetDateTime recordedAt, double value) {
    }

    /** A series and its summary figures: first, last, min, max and mean. */
    @Schema(name = "TrendSeries")
    public record Series(String key, String label, List<Point> points, Double first, Double last, Double min, Double max,
                         Double mean) {

        static Series of(String key, String label, List<Point> points) {
            if (points.isEmpty()) {
                return new Series(key, label, points, null, null, null, null, null);
            }
            double min = points.stream().mapToDouble(Point::value).min().orElseThrow();
            double max = points.stream().mapToDouble(Point::value).max().orElseThrow();
            double mean = Math.round(points.stream().mapToDouble(Point::value).average().orElseThrow() * 100) / 100.0;
            return new Series(key, label, points, points.get(0).value(), points.get(points.size() - 1).value(), min, max, mean);
        }
    }

    private static final Map<String, Function<ProgressEntry, Integer>> RATINGS = new LinkedHashMap<>();

    static {
        RATINGS.put("moodBefore", e -> e.moodBefore);
        RATINGS.put("moodAfter", e -> e.moodAfter);
        RATINGS.put("distressBefore", e -> e.distressBefore);
        RATINGS.put("distressAfter", e -> e.distressAfter);
        RATINGS.put("minutesSpent", e -> e.minutesSpent);
    }

    private Trends() {
    }

    /** @param entries in occurrence order */
    public static List<Series> of(List<ProgressEntry> entries, FieldSchema schema) {
        List<Series> series = new ArrayList<>();
        RATINGS.forEach((key, rating) -> {
            List<Point> points = entries.stream().filter(e -> rating.apply(e) != null)
                    .map(e -> new Point(e.occurrenceKey, e.recordedAt, rating.apply(e))).toList();
            if (!points.isEmpty()) {
                series.add(Series.of(key, key, points));
            }
        });
        if (schema != null) {
            for (Field field : schema.fields()) {
                if (!field.type().isNumeric()) {
                    continue;
                }
                List<Point> points = new ArrayList<>();
                for (ProgressEntry e : entries) {
                    if (e.answers.get(field.key()) instanceof Number n) {
                        points.add(new Point(e.occurrenceKey, e.recordedAt, n.doubleValue()));
                    }
                }
                if (!points.isEmpty()) {
                    series.add(Series.of("answers." + field.key(), field.label(), points));
                }
            }
        }
        return series;
    }
}
