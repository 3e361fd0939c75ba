-- Flagged answers reach the therapist as HIGH priority; everything else is NORMAL.
alter table notification add column priority varchar(10) not null default 'NORMAL' check (priority in ('NORMAL', 'HIGH'));
