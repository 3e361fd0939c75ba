package org.intersession.platform.web;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * One page of a changes feed: what was created or changed since the token that was sent, oldest change first, each
 * item in its current state. Keep {@code syncToken} and send it as {@code since} next time; while {@code hasMore} is
 * true, ask again at once. Every changes feed answers with this.
 */
public record Changes<T>(
        @Schema(maxItems = Page.MAX_LIMIT) List<T> items,
        @Schema(description = "Send as since to get what changed after these items", maxLength = 200) String syncToken,
        @Schema(description = "More changes are ready: ask again with syncToken at once") boolean hasMore) {
}
