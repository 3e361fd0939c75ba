-- Email is delivered like webhooks: the row is written PENDING in the transaction that decides to send, and a
-- dispatcher claims it with a lease (FOR UPDATE SKIP LOCKED), sends it outside any transaction and records every
-- attempt. The subject and text are kept sealed (AES-256-GCM with the events key, bound to the delivery id) only until
-- the email is sent or given up; after that, as before, only the kind and the address are kept.
alter table email_delivery drop constraint email_delivery_status_check;
alter table email_delivery add constraint email_delivery_status_check check (status in ('PENDING', 'SENT', 'FAILED'));
alter table email_delivery add column sealed_message text;
alter table email_delivery add column attempts_in_round integer not null default 0;
alter table email_delivery add column next_attempt_at timestamptz;
alter table email_delivery add column lease_until timestamptz;
alter table email_delivery add column lease_token uuid;

create index email_delivery_due on email_delivery (next_attempt_at) where status = 'PENDING';

-- Only the SMTP reply code, a short error and the duration are kept.
create table email_attempt (
    id              uuid         primary key,
    delivery_id     uuid         not null references email_delivery (id) on delete cascade,
    at              timestamptz  not null,
    response_status integer,
    error           varchar(500),
    duration_ms     integer      not null
);

create index email_attempt_by_delivery on email_attempt (delivery_id, at);
