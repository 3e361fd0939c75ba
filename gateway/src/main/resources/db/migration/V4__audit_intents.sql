-- Write-ahead audit intents. Before a create, update or delete of client data is forwarded to its service (or runs
-- in the gateway), the gateway commits an intent naming it; once the answer is known, the audit_event row (same id)
-- is inserted and the intent deleted in one transaction. An intent still here after the grace period belongs to a
-- request whose answer was never recorded; the sweeper turns it into an audit_event with outcome UNCONFIRMED.
-- A work queue, not part of the trail: rows are deleted once recorded, so this table is not append-only.

create table audit_intent (
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
    request_id    varchar(128) not null,
    source_ip     varchar(45)  not null
);

-- The sweeper claims the oldest intents first.
create index audit_intent_by_age on audit_intent (occurred_at);

-- UNCONFIRMED: the request was forwarded (or its endpoint ran) but its answer could not be recorded, so the change
-- may or may not have been applied. Such a record has no status; every other record has the one the caller received.
alter table audit_event alter column outcome type varchar(11);
alter table audit_event drop constraint audit_event_outcome_check;
alter table audit_event add constraint audit_event_outcome_check
    check (outcome in ('SUCCESS', 'DENIED', 'INVALID', 'FAILED', 'UNCONFIRMED'));
alter table audit_event alter column status drop not null;
alter table audit_event add constraint audit_event_status_unless_unconfirmed
    check ((status is null) = (outcome = 'UNCONFIRMED'));
