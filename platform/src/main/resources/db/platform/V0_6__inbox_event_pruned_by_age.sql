-- Processed-event ids are deleted after a retention: the hourly job finds the old ones by this index.
create index inbox_event_received_at on inbox_event (received_at);
