-- IETF Idempotency-Key on every create (IdempotentCreate), in every service: a key belongs to its caller (clinic and token
-- subject); the answer of the first request is kept with it for a retry, for 24 hours by default, then pruned.
create table idempotent_request (
    clinic_id         uuid          not null,
    caller            varchar(200)  not null,
    idempotency_key   varchar(200)  not null,
    request_hash      varchar(64)   not null,
    response_status   integer,
    response_location varchar(2048),
    response_etag     varchar(100),
    response_body     text,
    created_at        timestamptz   not null,
    primary key (clinic_id, caller, idempotency_key)
);
create index idempotent_request_by_age on idempotent_request (created_at);
