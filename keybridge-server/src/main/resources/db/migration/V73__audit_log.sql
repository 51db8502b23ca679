-- Credential-use audit log (issue 20, item 4). Append-only: one row per use of a stored credential
-- (proxy call, refresh, import) and per change, in one hash chain per (org_id, environment):
-- hash = SHA-256(prev_hash || canonical bytes of the record), computed by the flush (dev.keybridge.audit)
-- under the lock of the chain's head row, so two nodes on one database still make one chain.
-- seq is global and increasing; the key holds org_id (docs/scale.md). Written only by the audit package.
create table audit_record (
    seq           bigint generated always as identity,
    org_id        text not null references organization (id) on delete cascade,
    environment   text not null check (environment in ('test', 'production')),
    at            timestamptz not null,
    actor_type    text not null check (actor_type in ('api_key', 'operator', 'system')),
    actor_id      text,
    action        text not null check (action ~ '^[a-z][a-z_]{0,39}\.[a-z][a-z_]{0,39}$'),
    connection_id text,
    detail        jsonb not null default '{}'::jsonb,
    prev_hash     bytea,
    hash          bytea not null,
    primary key (org_id, seq)
);

-- The query API: a chain in order, and by connection.
-- Chain walks and the newest-first list use the primary key (org_id, seq), filtering the environment: one index
-- fewer to keep up on every proxied call.
create index audit_record_connection on audit_record (org_id, environment, connection_id, seq) where connection_id is not null;

-- The head of each chain: its last record. anchor_hash is the prev_hash of the oldest kept record once a
-- retention sweep has removed older ones (null: the chain is whole from its first record).
create table audit_chain_head (
    org_id        text not null references organization (id) on delete cascade,
    environment   text not null check (environment in ('test', 'production')),
    last_seq      bigint not null,
    last_hash     bytea not null,
    anchor_seq    bigint,
    anchor_hash   bytea,
    primary key (org_id, environment)
);
