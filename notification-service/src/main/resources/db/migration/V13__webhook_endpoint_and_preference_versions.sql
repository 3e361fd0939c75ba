-- A counter of every change to a webhook endpoint and to a user's preferences, for their ETags: If-Match on a change
-- loses nothing made meanwhile.
alter table webhook_endpoint add column version bigint not null default 0;
alter table notification_preference add column version bigint not null default 0;
