-- Per-environment app settings: enabled flag and the organization's own OAuth client (secret encrypted).
create table app_setting (
    org_id                   text not null references organization (id) on delete cascade,
    environment              text not null check (environment in ('test', 'production')),
    slug                     text not null,
    enabled                  boolean not null default true,
    client_id                text,
    client_secret_ciphertext bytea,
    updated_at               timestamptz not null default now(),
    primary key (org_id, environment, slug)
);

-- Per-environment Link settings: where Link may redirect and which origins may embed it.
create table link_setting (
    org_id          text not null references organization (id) on delete cascade,
    environment     text not null check (environment in ('test', 'production')),
    redirect_uris   text[] not null default '{}',
    allowed_origins text[] not null default '{}',
    updated_at      timestamptz not null default now(),
    primary key (org_id, environment)
);

-- A linked account's connection to one app. The access token is stored only as a SHA-256 hash;
-- credentials are AEAD ciphertext bound to (org, environment, connection id).
create table connection (
    id                    text primary key,
    org_id                text not null references organization (id) on delete cascade,
    environment           text not null check (environment in ('test', 'production')),
    linked_account_id     text not null references linked_account (id) on delete cascade,
    app_slug              text not null,
    status                text not null check (status in ('active', 'login_required', 'disconnected')),
    status_reason         text,
    end_user_org_id       text,
    access_token_hash     bytea not null unique,
    access_token_hint     text not null,
    credential_ciphertext bytea,
    credential_version    integer not null default 1,
    credential_expires_at timestamptz,
    display_name          text,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    status_changed_at     timestamptz not null
);
create index connection_account on connection (linked_account_id, app_slug);
create index connection_scope on connection (org_id, environment, app_slug);

-- Every status change of a connection, with its time and reason.
create table connection_transition (
    seq           bigint generated always as identity primary key,
    connection_id text not null references connection (id) on delete cascade,
    from_status   text,
    to_status     text not null,
    reason        text,
    at            timestamptz not null default now()
);
create index connection_transition_connection on connection_transition (connection_id, seq);

-- A Link flow: created by a link token, opened once (the token is then spent), driven step by step.
create table link_session (
    id                text primary key,
    org_id            text not null references organization (id) on delete cascade,
    environment       text not null check (environment in ('test', 'production')),
    linked_account_id text not null references linked_account (id) on delete cascade,
    end_user_org_id   text,
    token_hash        bytea not null unique,
    handle_hash       bytea unique,
    oauth_state_hash  bytea unique,
    mode              text not null check (mode in ('create', 'update')),
    connection_id     text references connection (id) on delete cascade,
    app_slug          text,
    fixed_app         boolean not null default false,
    redirect_uri      text,
    embed_origin      text,
    display           text,
    step              text not null,
    view              jsonb not null default '{}',
    secret_ciphertext bytea,
    attempts          integer not null default 0,
    result_ciphertext bytea,
    result_taken_at   timestamptz,
    expires_at        timestamptz not null,
    opened_at         timestamptz,
    finished_at       timestamptz,
    created_at        timestamptz not null default now()
);

-- The short-lived, single-use token a finished Link hands to the embedding page.
create table public_token (
    token_hash              bytea primary key,
    org_id                  text not null references organization (id) on delete cascade,
    environment             text not null check (environment in ('test', 'production')),
    connection_id           text not null references connection (id) on delete cascade,
    access_token_ciphertext bytea,
    new_connection          boolean not null,
    expires_at              timestamptz not null,
    used_at                 timestamptz,
    created_at              timestamptz not null default now()
);
create index public_token_connection on public_token (connection_id);

-- The sandbox OAuth2 provider's grants (codes and tokens are stored hashed).
create table sandbox_oauth_grant (
    id                  text primary key,
    client_id           text not null,
    redirect_uri        text not null,
    scope               text,
    code_hash           bytea unique,
    code_challenge      text,
    code_expires_at     timestamptz,
    access_token_hash   bytea unique,
    access_expires_at   timestamptz,
    refresh_token_hash  bytea unique,
    refresh_expires_at  timestamptz,
    revoked             boolean not null default false,
    created_at          timestamptz not null default now()
);
