-- One row that readiness (database.DatabaseReadiness) updates at most every few seconds: a database
-- that still answers reads but refuses writes (a full disk, a read-only switch) takes the node out of
-- the load balancer's rotation. The time is the node's clock, written by the probe.
create table database_heartbeat (
    id      integer     primary key check (id = 1),
    beat_at timestamptz not null
);

insert into database_heartbeat (id, beat_at) values (1, timestamptz '1970-01-01 00:00:00+00');
