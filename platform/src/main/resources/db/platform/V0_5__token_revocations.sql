-- Access tokens refused before they expire: those of a deactivated user, of a logged-out or replayed session, of a
-- revoked API client. Every service keeps its own copy (the gateway writes it, the others fill it from identity
-- events) and every instance reloads it each second, so a revocation holds everywhere within seconds.
create table token_revocation (
    seq        bigserial   primary key,
    subject_id uuid        not null,
    -- null: every token of the subject; otherwise only the tokens of this session (the token's sid claim)
    session_id uuid,
    -- tokens issued at or before this instant are refused
    revoked_at timestamptz not null,
    -- no token it covers can still be valid after this; the row is deleted then
    expires_at timestamptz not null
);

create index token_revocation_by_expiry on token_revocation (expires_at);
