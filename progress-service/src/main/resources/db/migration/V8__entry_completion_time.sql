-- When the client says they did the homework (their app may log offline and sync later); lateness is judged by it.
-- Null for entries whose app did not say: those were judged by when they were recorded.
alter table progress_entry add column completed_at timestamptz;
