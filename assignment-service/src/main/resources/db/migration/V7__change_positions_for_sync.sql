-- The changes feed (GET /api/v1/assignments/sync): each assignment carries the id of the transaction that last wrote
-- it. The feed serves only rows of transactions older than every one still running, in transaction order, so a
-- transaction that commits late can never land behind a reader's token (see platform's SyncToken). Existing rows
-- take this migration's transaction: the first sync serves them.
alter table assignment add column change_xid xid8 not null default pg_current_xact_id();

-- Every change (an edit, a step of the lifecycle, expiry) moves the assignment to its own transaction's position.
create function assignment_changed() returns trigger language plpgsql as $$
begin
    new.change_xid := pg_current_xact_id();
    return new;
end
$$;

create trigger assignment_change_position before update on assignment
    for each row when (old.* is distinct from new.*) execute function assignment_changed();

-- The feeds of a clinic (admins, API clients, therapists through their care team) and of one client (their app).
create index assignment_changes on assignment (clinic_id, change_xid, id);
create index assignment_client_changes on assignment (clinic_id, client_id, change_xid, id);
