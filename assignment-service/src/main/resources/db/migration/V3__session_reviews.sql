-- The follow-up of homework at the next session: per assignment, how much and how well it was done (0-4 each,
-- after the Homework Rating Scale idea), whether it helped, what got in the way, and what happens next.
create table session_review (
    id           uuid          primary key,
    clinic_id    uuid          not null,
    client_id    uuid          not null,
    therapist_id uuid          not null,
    session_date date          not null,
    created_at   timestamptz   not null
);

create index session_review_by_client on session_review (clinic_id, client_id, session_date desc, id desc);

create table session_review_item (
    review_id       uuid          not null references session_review (id),
    assignment_id   uuid          not null references assignment (id),
    quantity        smallint      not null check (quantity between 0 and 4),
    quality         smallint      not null check (quality between 0 and 4),
    helped          varchar(10)   not null,
    barriers        jsonb         not null default '[]',
    barrier_notes   varchar(2000),
    decision        varchar(10)   not null,
    -- never shown to the client, never put in an event
    therapist_notes varchar(4000),
    primary key (review_id, assignment_id)
);
