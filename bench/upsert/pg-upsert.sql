-- pgbench: the same upsert done directly in PostgreSQL, in one transaction with its outbox event,
-- as Keybridge does it (row lock, insert or update, event insert).
\set n random(1, 10000)
BEGIN;
INSERT INTO linked_account (id, org_id, environment, external_id, name, udf, created_at, updated_at, version)
VALUES (substr(md5(random()::text), 1, 24), :org, 'test', 'pg-' || :n, 'Bench ' || :n,
        jsonb_build_array(jsonb_build_object('key_name', 'phone', 'key_value', (random() * 1e9)::bigint::text)),
        now(), now(), 0)
ON CONFLICT (org_id, environment, external_id)
DO UPDATE SET udf = excluded.udf, updated_at = now(), version = linked_account.version + 1;
INSERT INTO event (id, org_id, environment, type, data)
VALUES ('evt_' || substr(md5(random()::text), 1, 24), :org, 'test', 'linked_account.updated', '{}'::jsonb);
COMMIT;
