package dev.keybridge.connection;

import dev.keybridge.tenancy.Environment;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How many connections an environment has per status and reason (the dashboard's overview). */
@Component
public class ConnectionCounts {

    /** One group: a status, its reason (null for active ones) and how many connections are in it. */
    public record Group(String status, String reason, long count) {}

    private final JdbcClient jdbc;

    ConnectionCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Groups by status and reason, largest first. */
    public List<Group> byStatus(String orgId, Environment env) {
        return jdbc.sql("""
                        select status, case when status = 'active' then null else status_reason end as reason, count(*)
                        from connection where org_id = ? and environment = ?
                        group by 1, 2 order by 3 desc, 1, 2""")
                .params(orgId, env.wire())
                .query((rs, n) -> new Group(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }
}
