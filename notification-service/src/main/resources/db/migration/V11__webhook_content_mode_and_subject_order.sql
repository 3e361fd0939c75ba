-- An endpoint chooses how deliveries are framed: JSON (Content-Type application/json) or CloudEvents HTTP structured
-- mode (application/cloudevents+json). The body is the same CloudEvent either way.
alter table webhook_endpoint add column content_mode varchar(30) not null default 'JSON'
    check (content_mode in ('JSON', 'CLOUDEVENTS_STRUCTURED'));

-- Per-subject order: each delivery carries the event's subject and a sequence number that grows per (endpoint,
-- subject); the dispatcher sends one only when no earlier delivery of that subject to that endpoint is still pending.
-- Deliveries made before this migration have no sequence and wait for nothing.
alter table webhook_delivery add column subject text not null default '';
alter table webhook_delivery add column sequence bigint;

create table webhook_subject_sequence (
    endpoint_id   uuid    not null references webhook_endpoint (id) on delete cascade,
    subject       text    not null,
    last_sequence bigint  not null,
    primary key (endpoint_id, subject)
);

create index webhook_delivery_pending_by_subject on webhook_delivery (endpoint_id, subject, sequence) where status = 'PENDING';
