-- The repair inbox's reconnect links (issue 20, item 3): an update-mode Link for one connection with a
-- lifetime the operator chose (up to 7 days), maybe e-mailed to the end user. The link token itself is not
-- kept (it is in the URL handed out once, and hashed on its Link session); the state is read from that
-- session (opened, completed) and from here (sent, expired). Written only by the repair package.
create table reconnect_link (
    id              text not null,
    org_id          text not null references organization (id) on delete cascade,
    environment     text not null check (environment in ('test', 'production')),
    connection_id   text not null,
    link_session_id text not null,
    email           text collate "C",
    language        text,
    created_by      text not null,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    sent_at         timestamptz,
    send_error      text,
    primary key (id, org_id),
    foreign key (org_id, connection_id) references connection (org_id, id) on delete cascade
);
create index reconnect_link_connection on reconnect_link (org_id, environment, connection_id, created_at desc);
