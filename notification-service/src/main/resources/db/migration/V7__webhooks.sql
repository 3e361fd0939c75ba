-- Clinic webhooks: endpoints a clinic registers, one delivery per (endpoint, event), and every attempt to send it.
-- Secrets are stored encrypted (AES-GCM, nonce || ciphertext); the previous one is kept until its overlap expires.
create table webhook_endpoint (
    id                         uuid          primary key,
    clinic_id                  uuid          not null,
    url                        varchar(2048) not null,
    event_types                jsonb         not null,
    description                varchar(500),
    enabled                    boolean       not null,
    disabled_reason            varchar(500),
    secret                     bytea         not null,
    previous_secret            bytea,
    previous_secret_expires_at timestamptz,
    created_at                 timestamptz   not null,
    updated_at                 timestamptz   not null
);

create index webhook_endpoint_by_clinic on webhook_endpoint (clinic_id, created_at desc, id desc);

-- A delivery is claimed by setting a lease (FOR UPDATE SKIP LOCKED), sent without locks, then recorded under its
-- lease token; a lease that runs out (a crashed instance) makes the delivery due again.
create table webhook_delivery (
    id              uuid         primary key,
    clinic_id       uuid         not null,
    endpoint_id     uuid         not null references webhook_endpoint (id) on delete cascade,
    event_id        varchar(200) not null,
    event_type      varchar(200) not null,
    payload         text         not null,
    status          varchar(10)  not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts_in_round integer    not null default 0,
    next_attempt_at timestamptz,
    lease_until     timestamptz,
    lease_token     uuid,
    created_at      timestamptz  not null,
    unique (endpoint_id, event_id)
);

create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_by_endpoint on webhook_delivery (endpoint_id, created_at desc, id desc);

-- Only the status, a short error and the duration are kept: never the receiver's response body.
create table webhook_attempt (
    id              uuid         primary key,
    delivery_id     uuid         not null references webhook_delivery (id) on delete cascade,
    at              timestamptz  not null,
    response_status integer,
    error           varchar(500),
    duration_ms     integer      not null
);

create index webhook_attempt_by_delivery on webhook_attempt (delivery_id, at);

-- Clinic admins, replicated from the gateway's user events: they hear when an endpoint is disabled.
create table clinic_admin (
    user_id   uuid primary key,
    clinic_id uuid not null
);

create index clinic_admin_by_clinic on clinic_admin (clinic_id);
