-- Occurrences carry their outcome (GET /api/v1/assignments/{id}/occurrences), and the outcomes that change have a
-- feed (GET /api/v1/occurrences/sync) built from the entries and the missed occurrences: these carry the transaction
-- that wrote them too, like the entries (V10).
alter table missed_occurrence add column change_xid xid8 not null default pg_current_xact_id();

create index missed_occurrence_changes on missed_occurrence (clinic_id, change_xid, assignment_id, occurrence_key);
create index missed_occurrence_client_changes on missed_occurrence (clinic_id, client_id, change_xid, assignment_id, occurrence_key);

-- When an assignment was cancelled, as its event said: its occurrences that had not closed by then are CANCELLED.
alter table tracked_assignment add column cancelled_at timestamptz;
