-- Every email the service tried to send, with its outcome. Only the kind and the address are kept, not the text.
create table email_delivery (
    id              uuid          primary key,
    clinic_id       uuid          not null,
    recipient_id    uuid          not null,
    kind            varchar(40)   not null,
    address         varchar(254)  not null,
    status          varchar(10)   not null check (status in ('SENT', 'FAILED')),
    error           varchar(500),
    source_event_id varchar(200)  not null,
    created_at      timestamptz   not null,
    unique (recipient_id, kind, source_event_id)
);

create index email_delivery_by_recipient on email_delivery (clinic_id, recipient_id, created_at desc);
