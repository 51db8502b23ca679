-- Idempotency keys (issue 14): one row per (organization, environment, Idempotency-Key).
-- A request that finds no row inserts one "in progress" (lock_owner + locked_until) and acts; its
-- answer is then stored: status and the headers worth replaying in clear, the body sealed with the
-- Vault (context idempotency_key.response|org|env|key) because it may hold a token or a secret.
-- request_hash = SHA-256 of method, path and body: the same key with another request is refused.
-- Rows older than KEYBRIDGE_IDEMPOTENCY_TTL are deleted in the background (IdempotencySweep).
create table idempotency_key (
    org_id              text not null references organization (id) on delete cascade,
    environment         text not null check (environment in ('test', 'production')),
    idempotency_key     text not null,
    request_hash        bytea not null,
    lock_owner          text,
    locked_until        timestamptz,
    status_code         integer,
    response_headers    text,
    response_ciphertext bytea,
    created_at          timestamptz not null default now(),
    completed_at        timestamptz,
    primary key (org_id, environment, idempotency_key)
);
-- The sweep walks the oldest rows first.
create index idempotency_key_created on idempotency_key (created_at);
