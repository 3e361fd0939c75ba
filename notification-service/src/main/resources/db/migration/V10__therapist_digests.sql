-- A user's own time zone for digest times; clients default to their profile's, everyone else to UTC.
alter table notification_preference add column time_zone varchar(64);

-- When each therapist's next digest is due (DAILY completions, WEEKLY summary) and since when it accumulates.
-- A dispatcher claims due rows with FOR UPDATE SKIP LOCKED; after downtime it sends one digest and moves on.
create table digest_schedule (
    therapist_id  uuid        not null,
    kind          varchar(10) not null check (kind in ('DAILY', 'WEEKLY')),
    clinic_id     uuid        not null,
    period_start  timestamptz not null,
    due_at        timestamptz not null,
    primary key (therapist_id, kind)
);

create index digest_due on digest_schedule (due_at);

-- What happened to a therapist's clients' homework, counted into their digests; one row per event.
create table digest_item (
    therapist_id    uuid         not null,
    clinic_id       uuid         not null,
    client_id       uuid         not null,
    kind            varchar(10)  not null check (kind in ('COMPLETED', 'SKIPPED', 'MISSED', 'FLAGGED')),
    occurred_at     timestamptz  not null,
    source_event_id varchar(200) not null,
    primary key (therapist_id, source_event_id, kind)
);

create index digest_item_by_time on digest_item (therapist_id, occurred_at);
