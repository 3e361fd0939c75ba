package org.intersession.progress.entry;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.hibernate.jpa.HibernateHints;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.platform.security.Caller;
import org.intersession.platform.web.ChangeFeed;
import org.intersession.platform.web.Changes;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;
import org.intersession.platform.web.SyncToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static org.intersession.progress.access.ProgressOperation.READ_PROGRESS;

/**
 * Entries a page at a time: newest first, or as a changes feed for an app that syncs. Both are scoped in the query:
 * a client reads their own entries, a therapist their care team's, an admin or an API client the clinic's; a private
 * note is shown to its client only.
 */
@ApplicationScoped
public class ProgressEntryListing {

    static final String FEED = "progress-entries";

    /** What to list; either, both or neither may be given. */
    public record Filter(UUID assignmentId, UUID clientId) {

        /** As the feed's sync token remembers it. */
        String spelled() {
            return "assignmentId=" + Objects.toString(assignmentId, "") + ";clientId=" + Objects.toString(clientId, "");
        }
    }

    /** Newest first, by when the entries reached the service, with a keyset cursor. */
    @Transactional
    public Page<ProgressEntryView> list(Caller caller, Filter filter, int limit, Cursor after) {
        READ_PROGRESS.require(caller);
        StringBuilder query = new StringBuilder("from ProgressEntry e where e.clinicId = :clinic");
        Parameters params = Parameters.with("clinic", caller.clinicId());
        IdentityReplica.scope(caller, "e", query, params);
        if (filter.assignmentId() != null) {
            query.append(" and e.assignmentId = :assignment");
            params.and("assignment", filter.assignmentId());
        }
        if (filter.clientId() != null) {
            query.append(" and e.clientId = :client");
            params.and("client", filter.clientId());
        }
        if (after != null) {
            query.append(" and (e.recordedAt < :at or (e.recordedAt = :at and e.id < :after))");
            params.and("at", after.at()).and("after", after.id());
        }
        // read-only: Hibernate keeps no copy of each row's answers to compare at commit
        List<ProgressEntry> rows = ProgressEntry.<ProgressEntry>find(query.toString(), Sort.descending("recordedAt", "id"), params)
                .withHint(HibernateHints.HINT_READ_ONLY, true)
                .range(0, limit).list();
        return Page.of(rows, limit, e -> new Cursor(e.recordedAt, e.id), e -> view(e, caller));
    }

    /**
     * What was recorded or amended since {@code since}, oldest change first, each entry in its current state (an
     * entry amended twice since is served once). See {@link SyncToken} for why no change is ever skipped.
     */
    @Transactional
    public Changes<ProgressEntryView> changes(Caller caller, Filter filter, int limit, String since) {
        READ_PROGRESS.require(caller);
        SyncToken token = SyncToken.decode(since, FEED, filter.spelled());
        List<Object> params = new ArrayList<>();
        StringBuilder rows = new StringBuilder("select cast(e.change_xid as text), e.id from progress_entry e"
                + " where e.clinic_id = ? and e.change_xid < h.xmin");
        params.add(caller.clinicId());
        rows.append(IdentityReplica.sqlScope(caller, "e", params));
        if (filter.assignmentId() != null) {
            rows.append(" and e.assignment_id = ?");
            params.add(filter.assignmentId());
        }
        if (filter.clientId() != null) {
            rows.append(" and e.client_id = ?");
            params.add(filter.clientId());
        }
        rows.append(ChangeFeed.afterById("e", token, params)).append(" limit ?");
        params.add(limit + 1);
        ChangeFeed.Fetched<UUID> fetched = ProgressEntry.getEntityManager().unwrap(Session.class).doReturningWork(connection ->
                ChangeFeed.fetch(connection, rows.toString(), params, row -> row.getObject(3, UUID.class)));
        return fetched.page(token, limit, UUID::toString, ids -> views(ids, caller));
    }

    /** The entries, in the order of {@code ids}, as the caller may see them. */
    private static List<ProgressEntryView> views(List<UUID> ids, Caller caller) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<ProgressEntry> loaded = ProgressEntry.<ProgressEntry>find("id in ?1", ids).withHint(HibernateHints.HINT_READ_ONLY, true).list();
        return ChangeFeed.inOrder(ids, loaded, e -> e.id).stream().map(e -> view(e, caller)).toList();
    }

    private static ProgressEntryView view(ProgressEntry entry, Caller caller) {
        return ProgressEntryView.of(entry, entry.clientId.equals(caller.id()));
    }
}
