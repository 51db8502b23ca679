-- Dashboard operators: people who sign in to /dashboard for one organization, with a role.
-- e-mail addresses are unique across the server so sign-in needs no organization picker.
create table operator (
    id            text primary key,
    org_id        text not null references organization (id) on delete cascade,
    email         text collate "C" not null unique,
    role          text not null check (role in ('owner', 'developer', 'viewer')),
    password_hash text not null,
    created_at    timestamptz not null
);
create index operator_org on operator (org_id, email);

-- One-time links that make an operator: the first owner's setup link (email null: chosen on setup)
-- and owners' invitations. Only the SHA-256 of the token is stored.
create table operator_invite (
    id          text primary key,
    token_hash  bytea not null unique,
    org_id      text not null references organization (id) on delete cascade,
    email       text collate "C",
    role        text not null check (role in ('owner', 'developer', 'viewer')),
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index operator_invite_org on operator_invite (org_id, created_at);

-- Sign-in throttling, shared by every node: failures of one (lower-cased) e-mail address in the
-- current window.
create table operator_signin_failure (
    email        text collate "C" primary key,
    failures     integer not null,
    window_start timestamptz not null
);
