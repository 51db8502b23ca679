-- Session tokens become revocable (issue 9). Tokens stay stateless JWTs; every request checks two
-- small tables by primary key, so a revocation holds on every node at once (no cache to expire):
--  * session_token_generation: revoking all of a linked account's tokens bumps its generation; a
--    token carries the generation it was issued under ("gen") and is dead when it differs.
--  * session_token_revoked: one revoked token by its jti, kept until the token would expire anyway.
-- Both hang off linked_account(id) with on delete cascade; a token of a deleted account is refused
-- because its account ("lid" claim) no longer exists (a re-created account has another id).
create table session_token_generation (
    linked_account_id text primary key references linked_account (id) on delete cascade,
    generation        integer not null default 0
);

create table session_token_revoked (
    jti               text primary key,
    linked_account_id text not null references linked_account (id) on delete cascade,
    expires_at        timestamptz not null
);
create index session_token_revoked_expiry on session_token_revoked (expires_at);
create index session_token_revoked_account on session_token_revoked (linked_account_id);
