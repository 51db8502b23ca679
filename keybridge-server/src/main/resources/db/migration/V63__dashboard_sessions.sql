-- Dashboard sessions, shared by every node (no sticky sessions): the browser holds a random 256-bit
-- token in the kb_dashboard cookie; only its SHA-256 is stored. A session ends when expires_at (the
-- last request plus KEYBRIDGE_DASHBOARD_IDLE_TIMEOUT, by the server's clock) has passed, on sign-out,
-- and with its operator (removing an operator deletes its sessions).
create table dashboard_session (
    id          text primary key,
    token_hash  bytea not null unique,
    operator_id text references operator (id) on delete cascade,
    created_at  timestamptz not null,
    last_seen   timestamptz not null,
    expires_at  timestamptz not null
);
create index dashboard_session_expiry on dashboard_session (expires_at);
create index dashboard_session_operator on dashboard_session (operator_id);

-- The session's attributes (the security context, the CSRF token, the chosen environment, flash
-- messages), one row each so concurrent requests of one session do not overwrite each other.
create table dashboard_session_attribute (
    session_id text not null references dashboard_session (id) on delete cascade,
    name       text collate "C" not null,
    value      bytea not null,
    primary key (session_id, name)
);
