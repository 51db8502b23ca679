-- Apps your users looked for (issue 19, item 6): what end users typed into Link's app search that matched no
-- app enabled in the environment, counted per term. Written only by dev.keybridge.link (SearchMisses);
-- at most 500 terms per environment are kept (new ones beyond that are not counted; known ones still are).
create table link_search_miss (
    org_id      text not null references organization (id) on delete cascade,
    environment text not null check (environment in ('test', 'production')),
    term        text not null check (length(term) between 2 and 60),
    searches    bigint not null default 1,
    first_at    timestamptz not null,
    last_at     timestamptz not null,
    primary key (org_id, environment, term)
);
