-- Linked accounts (seed 000). external_id is the caller's linked_account_id; "C" collation keeps
-- byte order so the unique index also serves prefix filters.
create table linked_account (
    id                          text primary key,
    org_id                      text not null references organization (id) on delete cascade,
    environment                 text not null check (environment in ('test', 'production')),
    external_id                 text collate "C" not null,
    name                        text collate "C",
    udf                         jsonb not null default '[]',
    app_id                      text,
    auth_credentials_ciphertext bytea,
    auth_credential_keys        text[],
    created_at                  timestamptz not null,
    updated_at                  timestamptz not null,
    version                     integer not null default 0,
    constraint linked_account_external_id unique (org_id, environment, external_id)
);
create index linked_account_name on linked_account (org_id, environment, name);
create index linked_account_page on linked_account (org_id, environment, id);
