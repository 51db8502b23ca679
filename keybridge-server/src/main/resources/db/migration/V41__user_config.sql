-- User configurations (issue 9, seed 000: "Auth tokens and User configurations will be stored against
-- the Linked account id"). The operator defines a schema per app and environment; a config is one
-- linked account x app x config_id holding values checked against that schema. Configs hang off
-- linked_account(id) with on delete cascade: deleting a linked account deletes its configs.
create table config_schema (
    org_id      text not null references organization (id) on delete cascade,
    environment text not null check (environment in ('test', 'production')),
    slug        text not null,
    fields      jsonb not null default '[]',
    workflows   jsonb not null default '[]',
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    primary key (org_id, environment, slug)
);

create table user_config (
    id                text primary key,
    org_id            text not null references organization (id) on delete cascade,
    environment       text not null check (environment in ('test', 'production')),
    linked_account_id text not null references linked_account (id) on delete cascade,
    slug              text not null,
    config_id         text collate "C" not null,
    labels            jsonb not null default '[]',
    field_values      jsonb not null default '{}',
    workflow_values   jsonb not null default '{}',
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    constraint user_config_key unique (linked_account_id, slug, config_id)
);
create index user_config_scope on user_config (org_id, environment, slug);
