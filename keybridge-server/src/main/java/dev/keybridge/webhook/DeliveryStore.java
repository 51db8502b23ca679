package dev.keybridge.webhook;

import dev.keybridge.events.EventType;
import dev.keybridge.events.Events;
import dev.keybridge.tenancy.Environment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for deliveries and attempts: fan-out, claiming with a lease, finishing, and the log. */
@Repository
class DeliveryStore {

    private static final String NEW_ID = "'whd_' || replace(cast(gen_random_uuid() as text), '-', '')";

    /** The end of both claims: lease the rows of {@code due} and load what sending them needs. */
    private static final String LEASE_AND_LOAD = """
            claimed as (
                update webhook_delivery d
                set lease_owner = ?, lease_until = ?, attempts = d.attempts + 1
                from due where d.id = due.id
                returning d.id, d.endpoint_id, d.event_id, d.attempts
            )
            select c.id as delivery_id, c.attempts, e.id as endpoint_id, e.org_id, e.environment, e.url,
                   e.secret_ciphertext, e.previous_secret_ciphertext, e.previous_secret_expires_at,
                   ev.id as event_id, ev.type, ev.created_at, cast(ev.data as text) as data
            from claimed c join webhook_endpoint e on e.id = c.endpoint_id join event ev on ev.id = c.event_id
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    DeliveryStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    /**
     * One delivery per enabled endpoint of the same organization and environment whose filter
     * matches, for events just taken by {@link Events#dispatch} in the same transaction. Returns
     * how many events it was given.
     */
    int deliver(List<Events.Dispatched> events) {
        if (events.isEmpty()) {
            return 0;
        }
        int n = events.size();
        String[] ids = new String[n];
        String[] orgs = new String[n];
        String[] envs = new String[n];
        String[] types = new String[n];
        for (int i = 0; i < n; i++) {
            Events.Dispatched e = events.get(i);
            ids[i] = e.id();
            orgs[i] = e.orgId();
            envs[i] = e.environment();
            types[i] = e.type();
        }
        jdbc.sql("""
                insert into webhook_delivery (id, endpoint_id, event_id, org_id, environment, next_attempt_at, created_at)
                select %s, e.id, b.id, b.org_id, b.environment, cast(? as timestamptz), cast(? as timestamptz)
                from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]))
                     as b (id, org_id, environment, type)
                join webhook_endpoint e
                  on e.org_id = b.org_id and e.environment = b.environment and e.is_enabled
                 and (cardinality(e.event_types) = 0 and b.type <> all(cast(? as text[])) or b.type = any(e.event_types))
                on conflict (endpoint_id, event_id, org_id) where not manual do nothing
                """.formatted(NEW_ID))
                .params(now(), now(), ids, orgs, envs, types, EventType.optInWires())
                .update();
        return n;
    }

    /**
     * Leases up to {@code limit} due deliveries to {@code owner} for {@code lease}, counting the
     * attempt. A delivery whose lease has expired (its node died mid-send) is due again. Each
     * endpoint offers at most {@code perEndpoint} minus the sends it already has in flight (on any
     * node), oldest first, so one slow receiver with a backlog cannot take every worker or starve
     * other endpoints. (Two nodes claiming at the same instant may overshoot the cap a little.)
     */
    List<Claimed> claim(String owner, int limit, int perEndpoint, Duration lease) {
        long claimedAt = System.nanoTime();
        Timestamp now = now();
        return jdbc.sql("""
                with busy as (
                    select endpoint_id, count(*) as n from webhook_delivery
                    where lease_until >= ? group by endpoint_id
                ), candidates as (
                    select x.id
                    from webhook_endpoint e
                    left join busy on busy.endpoint_id = e.id
                    cross join lateral (
                        select d.id from webhook_delivery d
                        where d.endpoint_id = e.id and d.status = 'pending' and d.next_attempt_at <= ?
                          and (d.lease_until is null or d.lease_until < ?)
                        order by d.next_attempt_at limit greatest(? - coalesce(busy.n, 0), 0)
                    ) x
                    where e.is_enabled
                ), due as (
                    select d.id from webhook_delivery d
                    where d.id in (select id from candidates)
                      and d.status = 'pending' and (d.lease_until is null or d.lease_until < ?)
                    order by d.next_attempt_at limit ?
                    for update skip locked
                ), """ + LEASE_AND_LOAD)
                .params(now, now, now, perEndpoint, now, limit, owner, Timestamp.from(now.toInstant().plus(lease)))
                .query((rs, n) -> claimedRow(rs, owner, claimedAt))
                .list();
    }

    /**
     * Leases the oldest due delivery of one endpoint, for a worker handing its slot of that endpoint on
     * to the next delivery. It counts no leases: the slot it reuses was granted by {@link #claim} (which
     * counts every node's live leases against the cap), so handing it on never raises what is in flight.
     * (Counting here scanned every lease index entry of the last lease period, dead ones included, on
     * every delivery: at a few hundred deliveries a second that was tens of thousands of entries each.)
     */
    Optional<Claimed> claimNext(String endpointId, String owner, Duration lease) {
        long claimedAt = System.nanoTime();
        Timestamp now = now();
        return jdbc.sql("""
                with due as (
                    select d.id from webhook_delivery d
                    where d.endpoint_id = ? and d.status = 'pending' and d.next_attempt_at <= ?
                      and (d.lease_until is null or d.lease_until < ?)
                      and exists (select 1 from webhook_endpoint e where e.id = d.endpoint_id and e.is_enabled)
                    order by d.next_attempt_at limit 1
                    for update skip locked
                ), """ + LEASE_AND_LOAD)
                .params(endpointId, now, now, owner, Timestamp.from(now.toInstant().plus(lease)))
                .query((rs, n) -> claimedRow(rs, owner, claimedAt))
                .optional();
    }

    /**
     * Records an attempt and moves the delivery on, only while {@code c}'s lease still holds
     * (fencing): returns false when the lease had expired and someone else owns the delivery.
     * {@code retryIn} null means the delivery is finished (succeeded or failed). One statement, so
     * the delivery's new state and its attempt row are written together or not at all.
     */
    boolean finish(Claimed c, String node, Instant startedAt, Outcome o, Duration retryIn) {
        String status = o.succeeded() ? "succeeded" : retryIn == null ? "failed" : "pending";
        Integer code = o.statusCode() == 0 ? null : o.statusCode();
        return jdbc.sql("""
                with moved as (
                    update webhook_delivery set status = ?,
                        next_attempt_at = case when ? then cast(? as timestamptz) else next_attempt_at end,
                        lease_owner = null, lease_until = null, last_status_code = ?, last_error = ?,
                        completed_at = case when ? = 'pending' then null else cast(? as timestamptz) end
                    where id = ? and org_id = ? and lease_owner = ? and attempts = ?
                    returning id, org_id, endpoint_id, event_id, attempts
                )
                insert into webhook_attempt (id, org_id, delivery_id, endpoint_id, event_id, attempt, node, started_at,
                    status_code, latency_ms, response_excerpt, error)
                select 'wha_' || replace(cast(gen_random_uuid() as text), '-', ''), org_id, id, endpoint_id, event_id, attempts,
                    cast(? as text), cast(? as timestamptz), cast(? as integer), cast(? as integer), cast(? as text),
                    cast(? as text)
                from moved
                """)
                .params(status, retryIn != null, Timestamp.from(clock.instant().plus(retryIn == null ? Duration.ZERO : retryIn)),
                        code, o.error(), status, now(), c.deliveryId(), c.orgId(), c.leaseOwner(), c.attempt(),
                        node, Timestamp.from(startedAt), code, (int) Math.min(Integer.MAX_VALUE, o.latencyMs()),
                        o.excerpt(), o.error())
                .update() == 1;
    }

    /** Gives the lease back without counting the attempt (the node is stopping before sending). */
    void release(Claimed c) {
        jdbc.sql("update webhook_delivery set lease_owner = null, lease_until = null, attempts = attempts - 1 "
                        + "where id = ? and org_id = ? and lease_owner = ? and attempts = ?")
                .params(c.deliveryId(), c.orgId(), c.leaseOwner(), c.attempt())
                .update();
    }

    /** A manual delivery of one event (redeliver); false when the event is not in this scope. */
    String redeliver(String orgId, Environment env, String endpointId, String eventId) {
        return jdbc.sql("insert into webhook_delivery (id, endpoint_id, event_id, org_id, environment, manual, "
                        + "next_attempt_at, created_at) select " + NEW_ID + ", ?, ev.id, ev.org_id, ev.environment, true, "
                        + "cast(? as timestamptz), cast(? as timestamptz) from event ev "
                        + "where ev.id = ? and ev.org_id = ? and ev.environment = ? returning id")
                .params(endpointId, now(), now(), eventId, orgId, env.wire())
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** Deliveries of an environment created since {@code since}, per status. */
    Map<String, Long> countsSince(String orgId, Environment env, Instant since) {
        Map<String, Long> out = new TreeMap<>();
        jdbc.sql("select status, count(*) from webhook_delivery where org_id = ? and environment = ? and created_at >= ? "
                        + "group by status")
                .params(orgId, env.wire(), Timestamp.from(since))
                .query((rs, n) -> out.put(rs.getString(1), rs.getLong(2))).list();
        return out;
    }

    /**
     * Manual deliveries of every matching event since {@code since}, oldest first, at most {@code max};
     * test events (each made for one endpoint) are not replayed.
     */
    int replay(WebhookEndpoint e, Instant since, int max) {
        return jdbc.sql("insert into webhook_delivery (id, endpoint_id, event_id, org_id, environment, manual, "
                        + "next_attempt_at, created_at) select " + NEW_ID + ", ?, ev.id, ev.org_id, ev.environment, true, "
                        + "cast(? as timestamptz), cast(? as timestamptz) from ("
                        + "  select id, org_id, environment from event where org_id = ? and environment = ? "
                        + "  and created_at >= ? and (cardinality(cast(? as text[])) = 0 and type <> all(cast(? as text[]))"
                        + "    or type = any(cast(? as text[]))) "
                        + "  and type <> 'webhook.test' "
                        + "  order by seq limit ?) ev")
                .params(e.id(), now(), now(), e.orgId(), e.environment().wire(), Timestamp.from(since),
                        e.eventTypes().toArray(String[]::new), EventType.optInWires(), e.eventTypes().toArray(String[]::new),
                        max)
                .update();
    }

    /** A delivery as the log shows it. */
    record DeliveryRow(long seq, String id, String eventId, String eventType, Instant eventCreatedAt, boolean manual,
                       String status, int attempts, Instant nextAttemptAt, Integer lastStatusCode, String lastError,
                       Instant createdAt, Instant completedAt) {}

    List<DeliveryRow> deliveries(String endpointId, String status, String eventId, Long beforeSeq, int limit) {
        return jdbc.sql("""
                select d.seq, d.id, d.event_id, ev.type, ev.created_at as event_created_at, d.manual, d.status,
                       d.attempts, d.next_attempt_at, d.last_status_code, d.last_error, d.created_at, d.completed_at
                from webhook_delivery d join event ev on ev.id = d.event_id
                where d.endpoint_id = ? and (cast(? as text) is null or d.status = ?)
                  and (cast(? as text) is null or d.event_id = ?)
                  and (cast(? as bigint) is null or d.seq < ?)
                order by d.seq desc limit ?
                """)
                .params(endpointId, status, status, eventId, eventId, beforeSeq, beforeSeq, limit)
                .query((rs, n) -> new DeliveryRow(rs.getLong("seq"), rs.getString("id"), rs.getString("event_id"),
                        rs.getString("type"), instant(rs, "event_created_at"), rs.getBoolean("manual"),
                        rs.getString("status"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                        (Integer) rs.getObject("last_status_code"), rs.getString("last_error"),
                        instant(rs, "created_at"), instant(rs, "completed_at")))
                .list();
    }

    /** An attempt as the log shows it. */
    record AttemptRow(long seq, String id, String deliveryId, String eventId, int attempt, Instant startedAt,
                      Integer statusCode, int latencyMs, String excerpt, String error) {}

    List<AttemptRow> attempts(String endpointId, String eventId, String deliveryId, Long beforeSeq, int limit) {
        return jdbc.sql("""
                select seq, id, delivery_id, event_id, attempt, started_at, status_code, latency_ms,
                       response_excerpt, error
                from webhook_attempt
                where endpoint_id = ? and (cast(? as text) is null or event_id = ?)
                  and (cast(? as text) is null or delivery_id = ?)
                  and (cast(? as bigint) is null or seq < ?)
                order by seq desc limit ?
                """)
                .params(endpointId, eventId, eventId, deliveryId, deliveryId, beforeSeq, beforeSeq, limit)
                .query((rs, n) -> new AttemptRow(rs.getLong("seq"), rs.getString("id"), rs.getString("delivery_id"),
                        rs.getString("event_id"), rs.getInt("attempt"), instant(rs, "started_at"),
                        (Integer) rs.getObject("status_code"), rs.getInt("latency_ms"),
                        rs.getString("response_excerpt"), rs.getString("error")))
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Claimed claimedRow(ResultSet rs, String owner, long claimedAt) throws SQLException {
        return new Claimed(rs.getString("delivery_id"), rs.getInt("attempts"), owner, claimedAt,
                rs.getString("endpoint_id"),
                rs.getString("org_id"), Environment.fromWire(rs.getString("environment")), rs.getString("url"),
                rs.getBytes("secret_ciphertext"), rs.getBytes("previous_secret_ciphertext"),
                instant(rs, "previous_secret_expires_at"), rs.getString("event_id"), rs.getString("type"),
                instant(rs, "created_at"), rs.getString("data"));
    }
}
