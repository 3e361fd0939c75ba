-- Where to email each user, from the gateway's user events; a deactivated user gets no email.
create table user_contact (
    user_id      uuid         primary key,
    clinic_id    uuid         not null,
    email        varchar(254) not null,
    status       varchar(20)  not null,
    changed_at   timestamptz  not null
);

-- A client may allow emails to name their homework; without that consent emails carry no detail at all.
alter table notification_preference add column email_includes_details boolean not null default false;
