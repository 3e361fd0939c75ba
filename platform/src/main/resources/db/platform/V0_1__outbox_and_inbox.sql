-- Shared by every service: the transactional outbox and the consumer inbox.
-- Platform migrations are numbered 0.x so that they always run before a service's own.

create table outbox_event (
    seq           bigserial primary key,
    event_id      uuid         not null unique,
    topic         varchar(200) not null,
    partition_key varchar(200) not null,
    type          varchar(200) not null,
    envelope      text         not null,
    created_at    timestamptz  not null,
    sent_at       timestamptz,
    attempts      integer      not null default 0
);

-- The relay only ever looks for pending rows, in order.
create index outbox_event_pending on outbox_event (seq) where sent_at is null;

create table inbox_event (
    consumer    varchar(100) not null,
    source      varchar(200) not null,
    event_id    varchar(200) not null,
    type        varchar(200) not null,
    received_at timestamptz  not null,
    primary key (consumer, source, event_id)
);
