-- Homework a therapist gave a client. Every row carries its clinic; every query filters on it.
create table assignment (
    id           uuid          primary key,
    clinic_id    uuid          not null,
    client_id    uuid          not null,
    therapist_id uuid          not null,
    title        varchar(200)  not null,
    instructions varchar(4000),
    status       varchar(20)   not null,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    version      bigint        not null default 0
);

create index assignment_by_client on assignment (clinic_id, client_id, created_at desc);
create index assignment_by_therapist on assignment (clinic_id, therapist_id, created_at desc);
