-- The replica keeps what adherence needs: the schedule in the client's zone, the status, and the version of the
-- snapshot it holds, so a late, older event never overwrites a newer state.
alter table tracked_assignment
    add column status    varchar(20) not null default 'ASSIGNED',
    add column time_zone varchar(64),
    add column schedule  jsonb,
    add column version   bigint      not null default 0;
