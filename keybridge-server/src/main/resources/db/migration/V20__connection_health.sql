-- Connection health (issue 5): refresh scheduling, a cluster-wide refresh lease fenced by
-- credential_version, backoff after failures, and what the status API shows.
alter table connection
    add column next_refresh_at   timestamptz,
    add column refresh_failures  integer not null default 0,
    add column lease_owner       text,
    add column lease_until       timestamptz,
    add column last_refreshed_at timestamptz,
    add column last_error        text,
    add column last_error_at     timestamptz;

-- Whether the stored credentials hold a refresh token (set with every credential write); the
-- refresher's scan walks the partial index by expiry.
alter table connection add column refreshable boolean not null default false;
create index connection_refresh_expiry on connection (credential_expires_at) where status = 'active' and refreshable;
