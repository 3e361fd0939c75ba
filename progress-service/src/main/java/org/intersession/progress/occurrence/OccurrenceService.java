package org.intersession.progress.occurrence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.intersession.platform.identity.CareTeamScope;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.schedule.Occurrence;
import org.intersession.platform.schedule.OccurrenceExpander;
import org.intersession.platform.security.Caller;
import org.intersession.platform.tenancy.Tenancy;
import org.intersession.platform.web.ChangeFeed;
import org.intersession.platform.web.Changes;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;
import org.intersession.platform.web.SyncToken;
import org.intersession.progress.entry.EntryStatus;
import org.intersession.progress.entry.ProgressEntry;
import org.intersession.progress.replica.TrackedAssignment;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.intersession.progress.access.ProgressOperation.READ_PROGRESS;

/**
 * An assignment's occurrences with their outcomes, answered here because both halves are at hand: the schedule in
 * the replica of the assignment, and the entries themselves. An occurrence can be listed exactly when it can be
 * logged: both wait for the assignment to reach this service.
 */
@ApplicationScoped
public class OccurrenceService {

    /** The widest range of occurrences one request may ask for. */
    static final long MAX_RANGE_DAYS = 366;
    static final String FEED = "occurrences";
    private static final Pattern KEY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

    private final OccurrenceExpander expander = new OccurrenceExpander();

    /**
     * The occurrences due in [from, to), in the client's time zone, a page at a time: the cursor is the due time
     * after which the next page starts.
     */
    @Transactional
    public Page<OccurrenceView> list(Caller caller, UUID assignmentId, Instant from, Instant to, int limit, String cursor) {
        READ_PROGRESS.require(caller);
        TrackedAssignment assignment = TrackedAssignment.visibleTo(caller, assignmentId)
                .orElseThrow(() -> ApiProblemException.notFound("Assignment"));
        if (!to.isAfter(from)) {
            throw ApiProblemException.invalidField("to", "must be after from");
        }
        if (Duration.between(from, to).toDays() > MAX_RANGE_DAYS) {
            throw ApiProblemException.invalidField("to", "the range may span at most " + MAX_RANGE_DAYS + " days");
        }
        if (assignment.schedule == null || assignment.timeZone == null) {
            throw ApiProblemException.conflict("This assignment's schedule has not reached progress-service yet");
        }
        Instant start = cursor == null || cursor.isEmpty() ? from : resumeAt(cursor);
        List<Occurrence> found;
        try {
            found = expander.expand(assignment.schedule.toSpec(), ZoneId.of(assignment.timeZone), start, to);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalidField("to", "too many occurrences in this range; narrow it");
        }
        List<Occurrence> page = found.stream().limit(limit).toList();
        Map<String, OccurrenceView.Logged> entries = entries(assignment, page);
        Instant now = Instant.now();
        List<OccurrenceView> items = page.stream().map(o -> {
            OccurrenceView.Logged entry = entries.get(o.key());
            return OccurrenceView.of(o, outcome(o, entry, assignment, now), entry);
        }).toList();
        String next = found.size() > limit ? Cursor.opaque(found.get(limit).dueAt().toString()) : null;
        return new Page<>(items, next);
    }

    /**
     * Occurrences whose outcome changed since {@code since}: an entry was recorded or amended for them, or the
     * missed-occurrence job found their window closed without one. Oldest change first; see {@link SyncToken}.
     */
    @Transactional
    public Changes<OccurrenceChange> changes(Caller caller, UUID assignmentId, UUID clientId, int limit, String since) {
        READ_PROGRESS.require(caller);
        SyncToken token = SyncToken.decode(since, FEED,
                "assignmentId=" + Objects.toString(assignmentId, "") + ";clientId=" + Objects.toString(clientId, ""));
        List<Object> params = new ArrayList<>();
        String entries = branch("select e.change_xid as position, e.assignment_id, e.occurrence_key, e.client_id, e.id as entry_id,"
                + " e.status, e.late from progress_entry e where e.clinic_id = ?", "e", "", caller, assignmentId, clientId, token, limit, params);
        String missed = branch("select m.change_xid, m.assignment_id, m.occurrence_key, m.client_id, null, null, null"
                + " from missed_occurrence m where m.clinic_id = ?", "m", " and not exists (select 1 from progress_entry x"
                + " where x.assignment_id = m.assignment_id and x.occurrence_key = m.occurrence_key and x.clinic_id = m.clinic_id)",
                caller, assignmentId, clientId, token, limit, params);
        String rows = "select cast(o.position as text), o.assignment_id, o.occurrence_key, o.client_id, o.entry_id, o.status, o.late"
                + " from (" + entries + " union all " + missed + ") o order by o.position, o.assignment_id, o.occurrence_key limit ?";
        params.add(limit + 1);
        ChangeFeed.Fetched<OccurrenceChange> fetched = ProgressEntry.getEntityManager().unwrap(Session.class).doReturningWork(
                connection -> ChangeFeed.fetch(connection, rows, params, row -> {
                    String status = row.getString(7);
                    EntryStatus entryStatus = status == null ? null : EntryStatus.valueOf(status);
                    OccurrenceOutcome outcome = entryStatus == null ? OccurrenceOutcome.MISSED
                            : entryStatus == EntryStatus.SKIPPED ? OccurrenceOutcome.SKIPPED : OccurrenceOutcome.LOGGED;
                    return new OccurrenceChange(row.getObject(3, UUID.class), row.getObject(5, UUID.class), row.getString(4),
                            outcome, row.getObject(6, UUID.class), entryStatus, status == null ? null : row.getBoolean(8));
                }));
        return fetched.page(token, limit, c -> c.assignmentId() + "/" + c.key(), changes -> changes);
    }

    /**
     * One source of the feed, ordered and limited on its own so that each reads only what a page can use.
     * {@code select} ends with its clinic's condition, whose parameter this binds.
     */
    private static String branch(String select, String alias, String condition, Caller caller, UUID assignmentId, UUID clientId,
                                 SyncToken token, int limit, List<Object> params) {
        StringBuilder sql = new StringBuilder("(").append(select).append(" and ").append(alias).append(".change_xid < h.xmin");
        params.add(Tenancy.clinicId());
        sql.append(CareTeamScope.REPLICA.narrowSql(caller, alias, params));
        if (assignmentId != null) {
            sql.append(" and ").append(alias).append(".assignment_id = ?");
            params.add(assignmentId);
        }
        if (clientId != null) {
            sql.append(" and ").append(alias).append(".client_id = ?");
            params.add(clientId);
        }
        if (token.hasTieBreak()) {
            String[] after = token.after().split("/", 2);
            if (after.length != 2 || !KEY.matcher(after[1]).matches()) {
                throw ApiProblemException.invalidField("since", "not a sync token returned by this feed");
            }
            sql.append(" and (").append(alias).append(".change_xid, ").append(alias).append(".assignment_id, ")
                    .append(alias).append(".occurrence_key) > (cast(? as xid8), ?, ?)");
            params.add(Long.toString(token.xid()));
            params.add(SyncToken.uuid(after[0]));
            params.add(after[1]);
        } else {
            sql.append(ChangeFeed.fromPosition(alias + ".change_xid", token, params));
        }
        sql.append(condition).append(" order by ").append(alias).append(".change_xid, ").append(alias).append(".assignment_id, ")
                .append(alias).append(".occurrence_key limit ?)");
        params.add(limit + 1);
        return sql.toString();
    }

    static OccurrenceOutcome outcome(Occurrence occurrence, OccurrenceView.Logged entry, TrackedAssignment assignment, Instant now) {
        if (entry != null) {
            return entry.status() == EntryStatus.SKIPPED ? OccurrenceOutcome.SKIPPED : OccurrenceOutcome.LOGGED;
        }
        if ("CANCELLED".equals(assignment.status)) {
            // cancelled before this migration kept when: whatever had not closed by now is no longer asked for
            Instant cancelled = assignment.cancelledAt == null ? now : assignment.cancelledAt.toInstant();
            if (occurrence.windowEnd().isAfter(cancelled)) {
                return OccurrenceOutcome.CANCELLED;
            }
        }
        if (!occurrence.windowEnd().isAfter(now)) {
            return OccurrenceOutcome.MISSED;
        }
        return occurrence.windowStart().isAfter(now) ? OccurrenceOutcome.UPCOMING : OccurrenceOutcome.OPEN;
    }

    /** The entries of these occurrences, by key, in one lookup on the one-entry-per-occurrence index. */
    private static Map<String, OccurrenceView.Logged> entries(TrackedAssignment assignment, List<Occurrence> occurrences) {
        Map<String, OccurrenceView.Logged> found = new HashMap<>();
        if (occurrences.isEmpty()) {
            return found;
        }
        String[] keys = occurrences.stream().map(Occurrence::key).toArray(String[]::new);
        ProgressEntry.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    select occurrence_key, id, status, late from progress_entry
                    where assignment_id = ? and occurrence_key = any (?) and clinic_id = ?""")) {
                query.setObject(1, assignment.assignmentId);
                query.setArray(2, connection.createArrayOf("varchar", keys));
                query.setObject(3, Tenancy.clinicId());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getString(1), new OccurrenceView.Logged(rows.getObject(2, UUID.class),
                                EntryStatus.valueOf(rows.getString(3)), rows.getBoolean(4)));
                    }
                }
            }
        });
        return found;
    }

    private static Instant resumeAt(String cursor) {
        return Cursor.position(cursor, Instant::parse);
    }
}
