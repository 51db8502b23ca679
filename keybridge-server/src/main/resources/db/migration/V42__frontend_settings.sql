-- Front-end settings per organization and environment (issue 9): the origins whose pages may call the
-- session-token endpoints. An empty list (or no row) lets a page on any origin call them; bearer tokens,
-- never cookies, so there is no ambient authority to protect.
create table frontend_setting (
    org_id          text not null references organization (id) on delete cascade,
    environment     text not null check (environment in ('test', 'production')),
    allowed_origins text[] not null default '{}',
    updated_at      timestamptz not null default now(),
    primary key (org_id, environment)
);
