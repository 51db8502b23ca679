package dev.keybridge.frontdoor;

import dev.keybridge.tenancy.Environment;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Per environment: the origins whose pages may call the session-token surface (empty: any origin). */
@Service
public class FrontendOrigins {

    private final JdbcClient jdbc;
    private final Clock clock;

    FrontendOrigins(JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    public List<String> get(String orgId, Environment env) {
        return jdbc.sql("select allowed_origins from frontend_setting where org_id = ? and environment = ?")
                .params(orgId, env.wire())
                .query((rs, n) -> Arrays.asList((String[]) rs.getArray(1).getArray()))
                .optional().orElse(List.of());
    }

    public List<String> put(String orgId, Environment env, List<String> origins) {
        jdbc.sql("""
                        insert into frontend_setting (org_id, environment, allowed_origins) values (?, ?, ?)
                        on conflict (org_id, environment) do update set allowed_origins = excluded.allowed_origins,
                          updated_at = ?""")
                .params(orgId, env.wire(), origins.toArray(String[]::new), Timestamp.from(clock.instant())).update();
        return get(orgId, env);
    }

    /** Whether a page of {@code origin} may call with a token of this environment. */
    public boolean allows(String orgId, Environment env, String origin) {
        List<String> allowed = get(orgId, env);
        return allowed.isEmpty() || allowed.contains(origin);
    }
}
