-- Every row carries its clinic, so that no query can reach across tenants even through a child table.
alter table session_review_item add column clinic_id uuid;
update session_review_item i set clinic_id = r.clinic_id from session_review r where r.id = i.review_id;
alter table session_review_item alter column clinic_id set not null;

-- Built-in template versions belong to no clinic (null), like their templates.
alter table template_version add column clinic_id uuid;
update template_version v set clinic_id = t.clinic_id from template t where t.id = v.template_id;

alter table idempotency_key add column clinic_id uuid;
update idempotency_key set clinic_id = '00000000-0000-0000-0000-000000000000' where clinic_id is null;
alter table idempotency_key alter column clinic_id set not null;
