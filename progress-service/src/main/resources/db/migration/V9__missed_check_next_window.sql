-- The missed-occurrence job used to claim every assignment once a minute and move its watermark, though with daily
-- homework a window closes once a day: with 20,000 assignments that was 20,000 row updates a minute. Each assignment
-- now also keeps when its next due window closes (null: not known yet, look at once), and the job claims an
-- assignment only once that window has closed.
alter table tracked_assignment add column missed_next_window_end timestamptz;

create index tracked_assignment_missed_due
    on tracked_assignment ((coalesce(missed_next_window_end, missed_checked_until, assigned_at)))
    where status in ('ASSIGNED', 'ACTIVE', 'EXPIRED', 'COMPLETED') and schedule is not null;
