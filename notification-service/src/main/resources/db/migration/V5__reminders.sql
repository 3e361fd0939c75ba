-- Reminders are planned from assignment events (the shared schedule engine, the client's zone and quiet hours) and
-- persisted, so they survive restarts; a dispatcher claims due ones with FOR UPDATE SKIP LOCKED.
create table reminder_plan (
    assignment_id   uuid         primary key,
    clinic_id       uuid         not null,
    client_id       uuid         not null,
    title           varchar(200) not null,
    status          varchar(20)  not null,
    time_zone       varchar(64)  not null,
    schedule        jsonb        not null,
    reminder_policy jsonb        not null,
    version         bigint       not null,
    planned_until   timestamptz  not null
);

create table reminder (
    id             uuid         primary key,
    clinic_id      uuid         not null,
    client_id      uuid         not null,
    assignment_id  uuid         not null,
    occurrence_key varchar(16)  not null,
    due_at         timestamptz  not null,
    window_end     timestamptz  not null,
    send_at        timestamptz  not null,
    status         varchar(10)  not null check (status in ('PENDING', 'SENT', 'CANCELLED', 'SKIPPED')),
    outcome        varchar(200),
    sent_at        timestamptz,
    unique (assignment_id, occurrence_key)
);

create index reminder_due on reminder (send_at) where status = 'PENDING';
create index reminder_by_client_day on reminder (client_id, sent_at) where status = 'SENT';
