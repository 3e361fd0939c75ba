package org.intersession.platform.web;

import java.util.List;

/** One page of a list; {@code nextCursor} is absent on the last page. Every list endpoint answers with this. */
public record Page<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
}
