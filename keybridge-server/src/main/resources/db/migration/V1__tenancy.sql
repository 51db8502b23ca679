-- Organizations, their two environments' credentials (hashes only) and session-token signing keys.
create table organization (
    id         text primary key,
    name       text not null,
    is_default boolean not null default false,
    created_at timestamptz not null default now()
);
create unique index organization_single_default on organization (is_default) where is_default;

create table environment_credential (
    id           text primary key,
    org_id       text not null references organization (id) on delete cascade,
    environment  text not null check (environment in ('test', 'production')),
    kind         text not null check (kind in ('api_key', 'client')),
    client_id    text unique,
    secret_hash  bytea not null unique,
    secret_hint  text not null,
    name         text,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    check ((kind = 'client') = (client_id is not null))
);
create index environment_credential_org on environment_credential (org_id, environment);

create table environment_signing_key (
    org_id         text not null references organization (id) on delete cascade,
    environment    text not null check (environment in ('test', 'production')),
    key_ciphertext bytea not null,
    created_at     timestamptz not null default now(),
    primary key (org_id, environment)
);
