-- Quiet hours are kept in one place, the user's notification preferences; the client profile no longer has them.
-- What the profile replica held moves here for users who had not set their own (in the profile's zone).
insert into notification_preference (user_id, clinic_id, channels, quiet_hours_start, quiet_hours_end, completion_delivery,
                                     daily_digest_time, email_includes_details, time_zone, updated_at)
select client_id, clinic_id, '["IN_APP"]', quiet_hours_start, quiet_hours_end, 'EACH', '18:00', false, time_zone, now()
from client_profile_replica
where quiet_hours_start is not null and quiet_hours_end is not null
on conflict (user_id) do update set quiet_hours_start = excluded.quiet_hours_start, quiet_hours_end = excluded.quiet_hours_end
where notification_preference.quiet_hours_start is null;
