-- Local replica of assignment-service's assignments, fed by its events; never read from that service directly.
create table tracked_assignment (
    assignment_id uuid         primary key,
    clinic_id     uuid         not null,
    client_id     uuid         not null,
    therapist_id  uuid         not null,
    title         varchar(200) not null,
    assigned_at   timestamptz  not null
);

create index tracked_assignment_by_client on tracked_assignment (clinic_id, client_id);
