-- The outbox: every event is written in the transaction of the change that causes it.
create table event (
    seq         bigint generated always as identity unique,
    id          text primary key,
    org_id      text not null references organization (id) on delete cascade,
    environment text not null check (environment in ('test', 'production')),
    type        text not null,
    data        jsonb not null,
    created_at  timestamptz not null default now()
);
create index event_scope on event (org_id, environment, seq);
