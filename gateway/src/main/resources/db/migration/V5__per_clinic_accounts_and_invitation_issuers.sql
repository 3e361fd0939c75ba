-- Accounts are per clinic: a person who is a client of two clinics has an account in each, with its own password,
-- and neither clinic can learn that the other one exists. An email is unique within one clinic only.
drop index app_user_email;
create unique index app_user_email_per_clinic on app_user (clinic_id, lower(email));
create index app_user_by_email on app_user (lower(email));

-- Who issued an invitation: revoking an API client withdraws every invitation it issued that is still open.
-- An invitation can also be withdrawn when a new one replaces it.
alter table invitation add column issued_by_api_client uuid references api_client (id);
alter table invitation add column revoked_at timestamptz;
create index invitation_open_of_api_client on invitation (issued_by_api_client)
    where issued_by_api_client is not null and used_at is null and revoked_at is null;
create index invitation_of_user on invitation (user_id);
