-- When the last occurrence's window closes; null for schedules without an end. The expiry job finds due rows here.
alter table assignment add column ends_at timestamptz;
create index assignment_expiring on assignment (ends_at) where status in ('ASSIGNED', 'ACTIVE', 'PAUSED');
