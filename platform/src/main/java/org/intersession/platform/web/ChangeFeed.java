package org.intersession.platform.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads one page of a changes feed in one statement, so that the rows and the horizon they are bounded by come from
 * the same snapshot (see {@link SyncToken}). A feed writes the query of its rows: it must select
 * {@code cast(<change_xid> as text)} first, keep to rows below {@code h.xmin}, the horizon, order them by change_xid
 * and its tie-break, and fetch one more row than the page holds, so that the extra row only tells there is more.
 */
public final class ChangeFeed {

    private ChangeFeed() {
    }

    @FunctionalInterface
    public interface RowReader<R> {
        /** Reads the feed's own columns, which follow change_xid (so they start at column 3). */
        R read(ResultSet row) throws SQLException;
    }

    /** One row read: its transaction and what the feed made of it. */
    public record Row<R>(long xid, R value) {
    }

    /**
     * @param rows   the feed's query, which may refer to {@code h.xmin}
     * @param params its parameters, in order; Strings are sent as text, so cast them in the query where needed
     */
    public static <R> Fetched<R> fetch(Connection connection, String rows, List<Object> params, RowReader<R> reader) throws SQLException {
        String sql = "with horizon as (select " + SyncToken.HORIZON + " as xmin) "
                + "select cast(h.xmin as text), r.* from horizon h left join lateral (" + rows + ") r on true";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                query.setObject(i + 1, params.get(i));
            }
            try (ResultSet result = query.executeQuery()) {
                long horizon = 0;
                List<Row<R>> read = new ArrayList<>();
                while (result.next()) {
                    horizon = Long.parseLong(result.getString(1));
                    String xid = result.getString(2);
                    if (xid != null) {
                        read.add(new Row<>(Long.parseLong(xid), reader.read(result)));
                    }
                }
                return new Fetched<>(horizon, read);
            }
        }
    }

    /** The condition that starts a feed's rows where {@code since} left off, for rows without a tie-break yet. */
    public static String fromPosition(String xidColumn, SyncToken since, List<Object> params) {
        params.add(Long.toString(since.xid()));
        return " and " + xidColumn + " >= cast(? as xid8)";
    }

    /**
     * The condition that starts a feed of rows with an {@code id} (their tie-break) where {@code since} left off,
     * and the order to read them in; the feed adds its limit.
     */
    public static String afterById(String alias, SyncToken since, List<Object> params) {
        String order = " order by " + alias + ".change_xid, " + alias + ".id";
        if (!since.hasTieBreak()) {
            return fromPosition(alias + ".change_xid", since, params) + order;
        }
        params.add(Long.toString(since.xid()));
        params.add(SyncToken.uuid(since.after()));
        return " and (" + alias + ".change_xid, " + alias + ".id) > (cast(? as xid8), ?)" + order;
    }

    /** Records loaded by id, in the feed's order of {@code ids}; one that is gone meanwhile is left out. */
    public static <K, E> List<E> inOrder(List<K> ids, List<E> loaded, Function<E, K> idOf) {
        Map<K, E> byId = loaded.stream().collect(Collectors.toMap(idOf, Function.identity()));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** What a feed's query returned: up to one row more than the page, and the horizon it was bounded by. */
    public record Fetched<R>(long horizon, List<Row<R>> rows) {

        /**
         * The page: at most {@code limit} items, and the token to resume from. A full page resumes right after its
         * last row; a page that is not full has served every row below the horizon, so the next read starts there.
         */
        public <T> Changes<T> page(SyncToken since, int limit, Function<R, String> tieBreak, Function<List<R>, List<T>> views) {
            boolean more = rows.size() > limit;
            List<Row<R>> shown = more ? rows.subList(0, limit) : rows;
            SyncToken next;
            if (more) {
                Row<R> last = shown.get(limit - 1);
                next = new SyncToken(since.feed(), since.filter(), last.xid(), tieBreak.apply(last.value()));
            } else if (horizon > since.xid()) {
                next = new SyncToken(since.feed(), since.filter(), horizon, null);
            } else {
                next = since;
            }
            return new Changes<>(views.apply(shown.stream().map(Row::value).toList()), next.encode(), more);
        }
    }
}
