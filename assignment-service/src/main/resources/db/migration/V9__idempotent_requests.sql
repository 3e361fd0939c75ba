-- Idempotency-Keys now live in the platform's idempotent_request table (db/platform V0_7), for every create. The
-- assignment-only keys before it go: their hashes were of the body alone, so none carries over.
drop table idempotency_key;
