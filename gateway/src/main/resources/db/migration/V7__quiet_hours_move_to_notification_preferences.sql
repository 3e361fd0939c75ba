-- Quiet hours are the user's own notification preferences (notification-service), the one place reminders read them.
-- notification-service copied the values it had replicated from this table before they were dropped here.
alter table client_profile drop column quiet_hours_start, drop column quiet_hours_end;
