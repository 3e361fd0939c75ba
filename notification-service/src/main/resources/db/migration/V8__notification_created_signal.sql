-- Every new inbox row is announced on the 'notification_created' channel when its transaction commits, whichever
-- instance wrote it; each instance LISTENs once and pushes the row to its own open streams. Payload: recipient id.
create function signal_notification_created() returns trigger language plpgsql as $$
begin
    perform pg_notify('notification_created', new.recipient_id::text || ' ' || new.id::text);
    return null;
end;
$$;

create trigger notification_created after insert on notification
    for each row execute function signal_notification_created();
