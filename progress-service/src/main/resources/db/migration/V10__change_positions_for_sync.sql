-- The changes feed of entries (GET /api/v1/progress-entries/sync): each entry carries the id of the transaction that
-- last wrote it. A feed serves only rows of transactions older than every one still running, in transaction order,
-- so a transaction that commits late can never land behind a reader's token (see platform's SyncToken). Existing
-- rows take this migration's transaction: the first sync serves them.
alter table progress_entry add column change_xid xid8 not null default pg_current_xact_id();

-- An amendment moves the entry to its own transaction's position; a write that changes nothing does not.
create function progress_entry_changed() returns trigger language plpgsql as $$
begin
    new.change_xid := pg_current_xact_id();
    return new;
end
$$;

create trigger progress_entry_change_position before update on progress_entry
    for each row when (old.* is distinct from new.*) execute function progress_entry_changed();

-- The feeds of a clinic (admins, API clients, therapists through their care team) and of one client (their app).
create index progress_entry_changes on progress_entry (clinic_id, change_xid, id);
create index progress_entry_client_changes on progress_entry (clinic_id, client_id, change_xid, id);

-- GET /api/v1/progress-entries?clientId=: a client's entries, newest first.
create index progress_entry_by_client on progress_entry (clinic_id, client_id, recorded_at desc, id desc);
