-- A schema ready to distribute by organization (docs/scale.md). On Citus every primary key and
-- unique constraint of a distributed table must hold the distribution column (org_id), and a foreign
-- key between two distributed tables must join on it. This migration makes the schema follow that
-- rule on plain PostgreSQL now; SchemaRulesTest keeps it so.
--
-- * Child tables that had no org_id get it, filled from their parent in this migration.
-- * Keys become (id, org_id): the old column stays first, so every lookup by id alone (or by token
--   hash, jti, seq) still walks the same index as before; uniqueness by id alone was never needed
--   beyond what the random ids already give.
-- * Foreign keys between tenant tables become composite: (org_id, x_id) references x (org_id, id),
--   so a row can no longer point at another organization's row.
-- Runs on existing data (backfills, then rebuilds keys); one transaction, like every migration.

-- 1. org_id on the child tables that lacked it, from their parent.
alter table connection_transition add column org_id text;
update connection_transition t set org_id = c.org_id from connection c where c.id = t.connection_id;
alter table connection_transition alter column org_id set not null;

alter table webhook_attempt add column org_id text;
update webhook_attempt a set org_id = d.org_id from webhook_delivery d where d.id = a.delivery_id;
alter table webhook_attempt alter column org_id set not null;

alter table session_token_generation add column org_id text;
update session_token_generation g set org_id = la.org_id from linked_account la where la.id = g.linked_account_id;
alter table session_token_generation alter column org_id set not null;

alter table session_token_revoked add column org_id text;
update session_token_revoked r set org_id = la.org_id from linked_account la where la.id = r.linked_account_id;
alter table session_token_revoked alter column org_id set not null;

-- 2. The foreign keys between tenant tables go first: they hang on the keys rebuilt below.
alter table connection drop constraint connection_linked_account_id_fkey;
alter table connection_transition drop constraint connection_transition_connection_id_fkey;
alter table link_session drop constraint link_session_linked_account_id_fkey;
alter table link_session drop constraint link_session_connection_id_fkey;
alter table public_token drop constraint public_token_connection_id_fkey;
alter table session_token_generation drop constraint session_token_generation_linked_account_id_fkey;
alter table session_token_revoked drop constraint session_token_revoked_linked_account_id_fkey;
alter table user_config drop constraint user_config_linked_account_id_fkey;
alter table webhook_delivery drop constraint webhook_delivery_endpoint_id_fkey;
alter table webhook_delivery drop constraint webhook_delivery_event_id_fkey;
alter table webhook_attempt drop constraint webhook_attempt_delivery_id_fkey;

-- 3. Primary keys and unique constraints with org_id (the old leading column kept first).
alter table linked_account drop constraint linked_account_pkey,
    add constraint linked_account_pkey primary key (id, org_id);

alter table event drop constraint event_pkey,
    add constraint event_pkey primary key (id, org_id),
    drop constraint event_seq_key,
    add constraint event_seq_key unique (seq, org_id);

alter table webhook_endpoint drop constraint webhook_endpoint_pkey,
    add constraint webhook_endpoint_pkey primary key (id, org_id);

alter table webhook_delivery drop constraint webhook_delivery_pkey,
    add constraint webhook_delivery_pkey primary key (id, org_id),
    drop constraint webhook_delivery_seq_key,
    add constraint webhook_delivery_seq_key unique (seq, org_id);
drop index webhook_delivery_once;
create unique index webhook_delivery_once on webhook_delivery (endpoint_id, event_id, org_id) where not manual;

alter table webhook_attempt drop constraint webhook_attempt_pkey,
    add constraint webhook_attempt_pkey primary key (id, org_id),
    drop constraint webhook_attempt_seq_key,
    add constraint webhook_attempt_seq_key unique (seq, org_id),
    drop constraint webhook_attempt_delivery_id_attempt_key,
    add constraint webhook_attempt_delivery_id_attempt_key unique (delivery_id, attempt, org_id);

alter table connection drop constraint connection_pkey,
    add constraint connection_pkey primary key (id, org_id),
    drop constraint connection_access_token_hash_key,
    add constraint connection_access_token_hash_key unique (access_token_hash, org_id);

alter table connection_transition drop constraint connection_transition_pkey,
    add constraint connection_transition_pkey primary key (seq, org_id);

alter table link_session drop constraint link_session_pkey,
    add constraint link_session_pkey primary key (id, org_id),
    drop constraint link_session_token_hash_key,
    add constraint link_session_token_hash_key unique (token_hash, org_id),
    drop constraint link_session_handle_hash_key,
    add constraint link_session_handle_hash_key unique (handle_hash, org_id),
    drop constraint link_session_oauth_state_hash_key,
    add constraint link_session_oauth_state_hash_key unique (oauth_state_hash, org_id);

alter table public_token drop constraint public_token_pkey,
    add constraint public_token_pkey primary key (token_hash, org_id);

alter table session_token_generation drop constraint session_token_generation_pkey,
    add constraint session_token_generation_pkey primary key (linked_account_id, org_id);

alter table session_token_revoked drop constraint session_token_revoked_pkey,
    add constraint session_token_revoked_pkey primary key (jti, org_id);

alter table user_config drop constraint user_config_pkey,
    add constraint user_config_pkey primary key (id, org_id),
    drop constraint user_config_key,
    add constraint user_config_key unique (linked_account_id, slug, config_id, org_id);

-- 4. The foreign keys again, each through org_id (same cascades as before).
alter table connection add constraint connection_linked_account_id_fkey
    foreign key (org_id, linked_account_id) references linked_account (org_id, id) on delete cascade;
alter table connection_transition add constraint connection_transition_connection_id_fkey
    foreign key (org_id, connection_id) references connection (org_id, id) on delete cascade;
alter table link_session add constraint link_session_linked_account_id_fkey
    foreign key (org_id, linked_account_id) references linked_account (org_id, id) on delete cascade;
alter table link_session add constraint link_session_connection_id_fkey
    foreign key (org_id, connection_id) references connection (org_id, id) on delete cascade;
alter table public_token add constraint public_token_connection_id_fkey
    foreign key (org_id, connection_id) references connection (org_id, id) on delete cascade;
alter table session_token_generation add constraint session_token_generation_linked_account_id_fkey
    foreign key (org_id, linked_account_id) references linked_account (org_id, id) on delete cascade;
alter table session_token_revoked add constraint session_token_revoked_linked_account_id_fkey
    foreign key (org_id, linked_account_id) references linked_account (org_id, id) on delete cascade;
alter table user_config add constraint user_config_linked_account_id_fkey
    foreign key (org_id, linked_account_id) references linked_account (org_id, id) on delete cascade;
alter table webhook_delivery add constraint webhook_delivery_endpoint_id_fkey
    foreign key (org_id, endpoint_id) references webhook_endpoint (org_id, id) on delete cascade;
alter table webhook_delivery add constraint webhook_delivery_event_id_fkey
    foreign key (org_id, event_id) references event (org_id, id) on delete cascade;
alter table webhook_attempt add constraint webhook_attempt_delivery_id_fkey
    foreign key (org_id, delivery_id) references webhook_delivery (org_id, id) on delete cascade;
