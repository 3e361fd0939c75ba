-- Missed occurrences, found by a job that claims assignments with FOR UPDATE SKIP LOCKED and remembers how far it
-- has looked (missed_checked_until), so it catches up after downtime and never reports one occurrence twice.
alter table tracked_assignment add column missed_checked_until timestamptz;

create table missed_occurrence (
    assignment_id  uuid        not null,
    occurrence_key varchar(16) not null,
    clinic_id      uuid        not null,
    client_id      uuid        not null,
    due_at         timestamptz not null,
    detected_at    timestamptz not null,
    primary key (assignment_id, occurrence_key)
);

-- Answers that crossed an alert rule, for the pre-session summary.
create table progress_flag (
    entry_id      uuid         not null references progress_entry (id),
    field_key     varchar(40)  not null,
    clinic_id     uuid         not null,
    client_id     uuid         not null,
    assignment_id uuid         not null,
    field_label   varchar(200) not null,
    message       varchar(200),
    flagged_at    timestamptz  not null,
    primary key (entry_id, field_key)
);

create index progress_flag_by_client on progress_flag (clinic_id, client_id, flagged_at);

-- Session reviews (from assignment-service events): the last one is where "since last session" starts.
create table client_review (
    review_id    uuid        primary key,
    clinic_id    uuid        not null,
    client_id    uuid        not null,
    session_date date        not null,
    recorded_at  timestamptz not null
);

create index client_review_latest on client_review (clinic_id, client_id, session_date desc);
