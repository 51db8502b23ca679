-- Webhooks: endpoints, one delivery per (endpoint, event), and every attempt.

-- Fan-out marker on the outbox: null until the event has been turned into deliveries.
alter table event add column dispatched_at timestamptz;
create index event_undispatched on event (seq) where dispatched_at is null;

create table webhook_endpoint (
    id                         text primary key,
    org_id                     text not null references organization (id) on delete cascade,
    environment                text not null check (environment in ('test', 'production')),
    url                        text not null,
    event_types                text[] not null default '{}',
    is_enabled                 boolean not null default true,
    secret_ciphertext          bytea not null,
    previous_secret_ciphertext bytea,
    previous_secret_expires_at timestamptz,
    created_at                 timestamptz not null,
    updated_at                 timestamptz not null
);
create index webhook_endpoint_scope on webhook_endpoint (org_id, environment, id);

-- A delivery is due when pending, next_attempt_at has passed and no live lease holds it.
-- manual = made by redeliver/replay (several per endpoint and event are allowed).
create table webhook_delivery (
    seq             bigint generated always as identity unique,
    id              text primary key,
    endpoint_id     text not null references webhook_endpoint (id) on delete cascade,
    event_id        text not null references event (id) on delete cascade,
    org_id          text not null,
    environment     text not null,
    manual          boolean not null default false,
    status          text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    lease_owner     text,
    lease_until     timestamptz,
    last_status_code integer,
    last_error      text,
    created_at      timestamptz not null default now(),
    completed_at    timestamptz
);
create unique index webhook_delivery_once on webhook_delivery (endpoint_id, event_id) where not manual;
create index webhook_delivery_due on webhook_delivery (endpoint_id, next_attempt_at) where status = 'pending';
create index webhook_delivery_leased on webhook_delivery (lease_until) where lease_until is not null;
create index webhook_delivery_endpoint on webhook_delivery (endpoint_id, seq);

create table webhook_attempt (
    seq              bigint generated always as identity unique,
    id               text primary key,
    delivery_id      text not null references webhook_delivery (id) on delete cascade,
    endpoint_id      text not null,
    event_id         text not null,
    attempt          integer not null,
    node             text not null,
    started_at       timestamptz not null,
    status_code      integer,
    latency_ms       integer not null,
    response_excerpt text,
    error            text,
    unique (delivery_id, attempt)
);
create index webhook_attempt_endpoint on webhook_attempt (endpoint_id, seq);
