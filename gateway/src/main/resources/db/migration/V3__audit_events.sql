-- The audit trail: one row per request on client data, written by the gateway before it answers.
-- Append-only: the triggers below refuse UPDATE, DELETE and TRUNCATE for every role, the owner included.

create table audit_event (
    id            uuid         primary key,
    occurred_at   timestamptz  not null,
    clinic_id     uuid,
    actor_id      uuid,
    actor_role    varchar(40),
    client_id     uuid,
    action        varchar(10)  not null check (action in ('READ', 'LIST', 'CREATE', 'UPDATE', 'DELETE')),
    resource_type varchar(64)  not null,
    resource      varchar(300) not null,
    http_method   varchar(10)  not null,
    status        smallint     not null,
    outcome       varchar(10)  not null check (outcome in ('SUCCESS', 'DENIED', 'INVALID', 'FAILED')),
    request_id    varchar(128) not null,
    source_ip     varchar(45)  not null
);

-- A clinic admin reads their clinic's records newest first, optionally for one client or one actor.
create index audit_event_by_clinic on audit_event (clinic_id, occurred_at desc, id desc);
create index audit_event_by_client on audit_event (clinic_id, client_id, occurred_at desc, id desc);
create index audit_event_by_actor on audit_event (clinic_id, actor_id, occurred_at desc, id desc);

create function audit_event_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_event is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_no_update_or_delete
    before update or delete on audit_event
    for each row execute function audit_event_append_only();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_append_only();

-- Belt and braces for a deployment whose application role does not own the table.
revoke update, delete, truncate on audit_event from public;
