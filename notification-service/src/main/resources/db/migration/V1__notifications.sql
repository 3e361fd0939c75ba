-- The in-app inbox: one row per notification for one user. source_event_id makes each event's effect unique.
create table notification (
    id              uuid          primary key,
    clinic_id       uuid          not null,
    recipient_id    uuid          not null,
    kind            varchar(40)   not null,
    title           varchar(200)  not null,
    body            varchar(1000),
    source_event_id varchar(200)  not null,
    created_at      timestamptz   not null,
    read_at         timestamptz,
    unique (recipient_id, kind, source_event_id)
);

create index notification_inbox on notification (clinic_id, recipient_id, created_at desc, id desc);
