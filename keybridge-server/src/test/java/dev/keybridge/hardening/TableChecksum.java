package dev.keybridge.hardening;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fingerprint of every table (row count and an md5 of the rows), to prove a run of refused
 * requests changed nothing. Tables with an {@code org_id} are narrowed to one organization, and
 * tables owned through another (attempts, transitions) to that organization's rows, so background
 * work left over by other test classes cannot disturb it; {@code last_used_at} (touched by any
 * authenticated call) and the rate limiter's own counters are left out.
 */
final class TableChecksum {

    /**
     * Dashboard sessions belong to no organization and a background sweep deletes expired ones at any time. The
     * audit log writes the setup's successful calls up to a second later, inside the window; that a refused request
     * records nothing is ChangeLogTest's.
     */
    private static final List<String> SKIPPED = List.of("flyway_schema_history", "rate_limit_counter", "rate_limit_block",
            "dashboard_session", "dashboard_session_attribute", "dashboard_sso_request", "audit_record", "audit_chain_head");

    private TableChecksum() {}

    /**
     * {@link #of}, once the organization's events are dispatched: webhook fan-out marks each event
     * ({@code dispatched_at}) shortly after the write that emitted it, which would otherwise show as a
     * change in a checksum taken right after that write.
     */
    static Map<String, String> settled(JdbcClient jdbc, String orgId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.sql(
                "select count(*) from event where org_id = :org and dispatched_at is null").param("org", orgId)
                .query(Long.class).single() == 0);
        return of(jdbc, orgId);
    }

    static Map<String, String> of(JdbcClient jdbc, String orgId) {
        List<String> tables = jdbc.sql("select table_name from information_schema.tables "
                        + "where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1")
                .query(String.class).list();
        Map<String, String> sums = new TreeMap<>();
        for (String table : tables) {
            if (SKIPPED.contains(table)) {
                continue;
            }
            String where = scope(jdbc, table);
            String sql = "select count(*) || ':' || coalesce(md5(string_agg(r, '|' order by r)), '-') from "
                    + "(select (to_jsonb(t) - 'last_used_at')::text r from " + table + " t " + where + ") s";
            var query = jdbc.sql(sql);
            if (where.contains(":org")) {
                query = query.param("org", orgId);
            }
            sums.put(table, query.query(String.class).single());
        }
        return sums;
    }

    private static String scope(JdbcClient jdbc, String table) {
        List<String> columns = jdbc.sql("select column_name from information_schema.columns "
                + "where table_schema = current_schema() and table_name = :t").param("t", table).query(String.class).list();
        if (columns.contains("org_id")) {
            return "where t.org_id = :org";
        }
        if (columns.contains("endpoint_id")) {
            return "where t.endpoint_id in (select id from webhook_endpoint where org_id = :org)";
        }
        if (columns.contains("connection_id")) {
            return "where t.connection_id in (select id from connection where org_id = :org)";
        }
        return "";
    }
}
