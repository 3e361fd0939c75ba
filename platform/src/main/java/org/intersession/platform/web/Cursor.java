package org.intersession.platform.web;

import org.intersession.platform.problem.ApiProblemException;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Function;

/**
 * An opaque keyset cursor: the sort position (time, id) of the last item of a page.
 * Keyset rather than offset, so that pages stay stable while new rows arrive. {@link #opaque} and {@link #position}
 * are the one codec of every cursor the API hands out, whatever position it holds.
 */
public record Cursor(OffsetDateTime at, UUID id) {

    public String encode() {
        return opaque(at + "|" + id);
    }

    /** @return null for a first page; a cursor that was not made by {@link #encode()} is a 400 on {@code cursor}. */
    public static Cursor decode(String value) {
        return position(value, text -> {
            String[] parts = text.split("\\|", 2);
            return new Cursor(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
        });
    }

    /** A page position as the opaque text a client passes back unchanged. */
    public static String opaque(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position an {@link #opaque} cursor holds, read by {@code parse}; null for a first page (no cursor). A cursor
     * this API did not make, or one {@code parse} refuses by throwing, is a 400 naming {@code cursor}.
     */
    public static <T> T position(String cursor, Function<String, T> parse) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return parse.apply(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw ApiProblemException.invalidField("cursor", "not a cursor returned by this API");
        }
    }
}
