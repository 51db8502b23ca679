-- Warnings before a connection breaks (issue 20, item 1). A connection whose credential has a knowable
-- end (a refresh token's lifetime, a password the provider says is expiring) carries it here, with why;
-- expiry_warned_at is set when `connection.pending_expiration` went out for this horizon and cleared
-- whenever the horizon moves (a renewal), so each horizon is warned of once. Written only by the
-- connection package.
alter table connection
    add column expires_at       timestamptz,
    add column expiry_reason    text check (expiry_reason ~ '^[a-z][a-z0-9_]{0,39}$'),
    add column expiry_warned_at timestamptz,
    add constraint connection_expiry_whole check ((expires_at is null) = (expiry_reason is null));

-- What the warning loop scans: horizons not yet warned of, soonest first.
create index connection_expiry_due on connection (expires_at) where expiry_warned_at is null and expires_at is not null;

-- Per environment: how long before a horizon `connection.pending_expiration` is sent.
create table connection_setting (
    org_id            text not null references organization (id) on delete cascade,
    environment       text not null check (environment in ('test', 'production')),
    expiry_warning_lead_days integer not null check (expiry_warning_lead_days between 1 and 90),
    updated_at        timestamptz not null,
    primary key (org_id, environment)
);
