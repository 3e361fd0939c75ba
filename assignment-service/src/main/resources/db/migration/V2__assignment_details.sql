-- What makes homework work: why it helps (rationale), what may get in the way (obstacles with a coping plan),
-- when it is due (schedule, in the client's time zone) and how the client is reminded.
alter table assignment
    add column rationale       varchar(2000),
    add column obstacles       jsonb       not null default '[]',
    add column schedule        jsonb,
    add column time_zone       varchar(64),
    add column reminder_policy jsonb,
    add column acknowledged_at timestamptz;

update assignment set rationale = '', time_zone = 'UTC',
    schedule = jsonb_build_object('type', 'ONE_OFF', 'dueAt', to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI')),
    reminder_policy = '{"enabled": true, "minutesBefore": 60, "maxPerDay": 3}';

alter table assignment
    alter column rationale set not null,
    alter column schedule set not null,
    alter column time_zone set not null,
    alter column reminder_policy set not null;

create index assignment_by_status on assignment (clinic_id, status, created_at desc);

-- IETF Idempotency-Key: a key is scoped to its caller; the first completed response is replayed for a retry.
create table idempotency_key (
    caller_id       uuid         not null,
    idempotency_key varchar(200) not null,
    request_hash    varchar(64)  not null,
    response_status integer,
    response_body   text,
    resource_id     uuid,
    created_at      timestamptz  not null,
    primary key (caller_id, idempotency_key)
);
