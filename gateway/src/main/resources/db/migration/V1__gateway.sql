-- The gateway's own database. Identity (clinics, users, care teams, API clients) arrives with its own migrations;
-- until then it holds the shared outbox and inbox only. This migration records the schema's owner.
comment on schema public is 'Intersession gateway: identity and tokens';
