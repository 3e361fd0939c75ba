-- Replica of client profiles (time zone, locale, quiet hours, consented channels), fed by identity events.
create table client_profile_replica (
    client_id         uuid        primary key,
    clinic_id         uuid        not null,
    time_zone         varchar(64) not null,
    locale            varchar(35) not null,
    quiet_hours_start time,
    quiet_hours_end   time,
    channels          jsonb       not null default '[]',
    changed_at        timestamptz not null
);
