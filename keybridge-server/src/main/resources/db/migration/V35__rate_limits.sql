-- Rate limits shared by every node on this database (README "Rate limits", docs/operations.md):
-- fixed-window counters (failed authentications per client address and per credential, requests
-- per organization, Link attempts per login), and the blocks a counter over its limit produces.
-- Every node polls the live blocks into memory, so checking a request costs no query; only
-- failures (and each node's batched per-organization counts) write here.
create table rate_limit_counter (
    key          text        not null,
    window_start timestamptz not null,
    hits         bigint      not null,
    primary key (key, window_start)
);

create index rate_limit_counter_window on rate_limit_counter (window_start);

create table rate_limit_block (
    key   text        primary key,
    until timestamptz not null
);
