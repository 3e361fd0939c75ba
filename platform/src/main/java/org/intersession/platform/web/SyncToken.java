package org.intersession.platform.web;

import org.intersession.platform.problem.ApiProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a changes feed resumes: an opaque {@code since} token. Every row a feed serves carries the id of the
 * transaction that last wrote it ({@code change_xid}, an {@code xid8}); a feed serves only rows of transactions older
 * than every transaction still running ({@link #HORIZON}), in (transaction, tie-break) order. A transaction still
 * running when a reader passes by can therefore only commit rows at or after the horizon that reader saw, which is
 * never behind its token: a row committed late is served late, never skipped. A token is made for one feed and one
 * filter and is refused on another, since the rows it has passed are only those that filter let through.
 *
 * @param feed   the feed's name, such as {@code progress-entries}
 * @param filter what the reader asked for, as the feed spells it; only a fingerprint of it is kept
 * @param xid    the position: served rows are those of transactions from here on
 * @param after  with a position inside one transaction, the tie-break of the last row served there (exclusive);
 *               null to start at {@code xid} itself
 */
public record SyncToken(String feed, String filter, long xid, String after) {

    /** SQL: transactions below this have all ended, so their rows are as visible now as they will ever be. */
    public static final String HORIZON = "pg_snapshot_xmin(pg_current_snapshot())";

    private static final String VERSION = "s1";

    /** Where a reader that has nothing yet starts: at the first transaction. */
    public static SyncToken start(String feed, String filter) {
        return new SyncToken(feed, filter, 0, null);
    }

    /** Whether this token is a position inside a transaction, rather than the start of one. */
    public boolean hasTieBreak() {
        return after != null;
    }

    public String encode() {
        String text = String.join("|", VERSION, feed, fingerprint(filter), Long.toString(xid), after == null ? "" : after);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return {@link #start} for no token; a token that this API did not make, or made for another feed or filter, is
     * a 400 on {@code since}
     */
    public static SyncToken decode(String value, String feed, String filter) {
        if (value == null || value.isEmpty()) {
            return start(feed, filter);
        }
        String[] parts;
        long xid;
        try {
            parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|", -1);
            xid = parts.length == 5 ? Long.parseLong(parts[3]) : -1;
        } catch (IllegalArgumentException e) {
            throw notOurs();
        }
        if (parts.length != 5 || !parts[0].equals(VERSION) || !parts[1].equals(feed) || xid < 0) {
            throw notOurs();
        }
        if (!parts[2].equals(fingerprint(filter))) {
            throw ApiProblemException.invalidField("since",
                    "was made for other filters; send the same filters as when you got it, or leave since out to start over");
        }
        return new SyncToken(feed, filter, xid, parts[4].isEmpty() ? null : parts[4]);
    }

    /** A tie-break that is an id, as its feed wrote it; anything else was not made by this API. */
    public static UUID uuid(String tieBreak) {
        try {
            return UUID.fromString(tieBreak);
        } catch (IllegalArgumentException e) {
            throw notOurs();
        }
    }

    private static ApiProblemException notOurs() {
        return ApiProblemException.invalidField("since", "not a sync token returned by this feed");
    }

    /** A short, stable fingerprint: String.hashCode is specified by the language, so it is the same everywhere. */
    private static String fingerprint(String filter) {
        return Integer.toHexString((filter == null ? "" : filter).hashCode());
    }
}
