-- Identity, owned by the gateway: clinics (the tenants), their users, care teams, client profiles and API clients.

create table clinic (
    id         uuid         primary key,
    name       varchar(200) not null,
    created_at timestamptz  not null
);

create table app_user (
    id              uuid         primary key,
    clinic_id       uuid         not null references clinic (id),
    email           varchar(254) not null,
    display_name    varchar(200) not null,
    role            varchar(20)  not null check (role in ('CLINIC_ADMIN', 'THERAPIST', 'CLIENT')),
    status          varchar(20)  not null check (status in ('INVITED', 'ACTIVE', 'DEACTIVATED')),
    password_hash   varchar(100),
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    version         bigint       not null default 0
);

-- One account per email address across the platform: login needs nothing but the email.
create unique index app_user_email on app_user (lower(email));
create index app_user_by_clinic on app_user (clinic_id, created_at, id);

create table client_profile (
    user_id             uuid        primary key references app_user (id),
    clinic_id           uuid        not null references clinic (id),
    time_zone           varchar(64) not null,
    locale              varchar(35) not null,
    quiet_hours_start   time,
    quiet_hours_end     time,
    channels            jsonb       not null default '[]'
);

create table care_team_link (
    clinic_id    uuid        not null references clinic (id),
    client_id    uuid        not null references app_user (id),
    therapist_id uuid        not null references app_user (id),
    created_at   timestamptz not null,
    primary key (client_id, therapist_id)
);

create index care_team_by_therapist on care_team_link (clinic_id, therapist_id);

create table api_client (
    id          uuid          primary key,
    clinic_id   uuid          not null references clinic (id),
    client_id   varchar(64)   not null unique,
    name        varchar(200)  not null,
    secret_hash varchar(100)  not null,
    scopes      varchar(1000) not null,
    created_at  timestamptz   not null,
    revoked_at  timestamptz
);

create index api_client_by_clinic on api_client (clinic_id, created_at, id);

-- Refresh tokens are stored as SHA-256 hashes. Each login starts a family; every use rotates within it,
-- and presenting an already used token revokes the whole family (a stolen token was replayed).
create table refresh_token (
    token_hash  varchar(64) primary key,
    family_id   uuid        not null,
    user_id     uuid        not null references app_user (id),
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz
);

create index refresh_token_family on refresh_token (family_id);

create table invitation (
    token_hash varchar(64) primary key,
    user_id    uuid        not null references app_user (id),
    expires_at timestamptz not null,
    used_at    timestamptz
);
