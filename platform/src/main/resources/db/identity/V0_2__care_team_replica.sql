-- Replica of the gateway's care-team links, fed by identity events, for the services that scope therapists'
-- reads by care team. Services opt in by adding db/identity to quarkus.flyway.locations.
create table care_team_member (
    clinic_id    uuid        not null,
    client_id    uuid        not null,
    therapist_id uuid        not null,
    linked_at    timestamptz not null,
    primary key (client_id, therapist_id)
);

create index care_team_member_by_therapist on care_team_member (clinic_id, therapist_id);
