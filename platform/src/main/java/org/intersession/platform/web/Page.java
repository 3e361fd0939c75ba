package org.intersession.platform.web;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/** One page of a list; {@code nextCursor} is absent on the last page. Every list endpoint answers with this. */
public record Page<T>(List<T> items, @Schema(nullable = true) String nextCursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /**
     * A page from a keyset query that fetched up to {@code limit + 1} rows: the extra row only tells that there is
     * more, and the cursor is the position of the last row shown.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, Cursor> positionOf, Function<R, T> view) {
        List<R> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? positionOf.apply(shown.get(limit - 1)).encode() : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
