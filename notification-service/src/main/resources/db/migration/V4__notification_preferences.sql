-- Each user's choices: which channels to use, quiet hours, and how therapists hear about completed homework.
create table notification_preference (
    user_id              uuid        primary key,
    clinic_id            uuid        not null,
    channels             jsonb       not null,
    quiet_hours_start    time,
    quiet_hours_end      time,
    completion_delivery  varchar(20) not null check (completion_delivery in ('EACH', 'DAILY_DIGEST', 'OFF')),
    daily_digest_time    time        not null,
    weekly_digest_day    varchar(10),
    weekly_digest_time   time,
    updated_at           timestamptz not null
);

create index notification_unread on notification (clinic_id, recipient_id) where read_at is null;
