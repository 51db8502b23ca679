package dev.keybridge.link;

import dev.keybridge.tenancy.Environment;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Per environment: the redirect URIs Link may send the browser to and the origins that may embed it. */
@Service
public class LinkSettings {

    public record Setting(List<String> redirectUris, List<String> allowedOrigins) {}

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    LinkSettings(JdbcClient jdbc, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    public Setting get(String orgId, Environment env) {
        return jdbc.sql("select redirect_uris, allowed_origins from link_setting where org_id = ? and environment = ?")
                .params(orgId, env.wire())
                .query((rs, n) -> new Setting(Arrays.asList((String[]) rs.getArray(1).getArray()),
                        Arrays.asList((String[]) rs.getArray(2).getArray())))
                .optional().orElse(new Setting(List.of(), List.of()));
    }

    public Setting put(String orgId, Environment env, List<String> redirectUris, List<String> allowedOrigins) {
        jdbc.sql("""
                        insert into link_setting (org_id, environment, redirect_uris, allowed_origins) values (?, ?, ?, ?)
                        on conflict (org_id, environment) do update set redirect_uris = excluded.redirect_uris,
                          allowed_origins = excluded.allowed_origins, updated_at = ?""")
                .params(orgId, env.wire(), redirectUris.toArray(String[]::new), allowedOrigins.toArray(String[]::new),
                        java.sql.Timestamp.from(clock.instant()))
                .update();
        return get(orgId, env);
    }
}
