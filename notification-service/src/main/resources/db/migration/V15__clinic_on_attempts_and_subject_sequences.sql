-- Tenancy as a wall (docs/security.md, "Tenancy"): every table holding a clinic's data carries its clinic, so that
-- Hibernate scopes each query by it and plain SQL can name it. Attempts and per-subject sequences took their clinic
-- from the delivery or endpoint they belong to; they now carry it themselves.
alter table webhook_attempt add column clinic_id uuid;
update webhook_attempt a set clinic_id = d.clinic_id from webhook_delivery d where d.id = a.delivery_id;
alter table webhook_attempt alter column clinic_id set not null;

alter table email_attempt add column clinic_id uuid;
update email_attempt a set clinic_id = d.clinic_id from email_delivery d where d.id = a.delivery_id;
alter table email_attempt alter column clinic_id set not null;

alter table webhook_subject_sequence add column clinic_id uuid;
update webhook_subject_sequence s set clinic_id = e.clinic_id from webhook_endpoint e where e.id = s.endpoint_id;
alter table webhook_subject_sequence alter column clinic_id set not null;
