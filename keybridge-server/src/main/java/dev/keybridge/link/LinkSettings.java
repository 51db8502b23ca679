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

    /** 400 unless every redirect URI is an absolute http(s) URI without a fragment and every origin scheme://host[:port]. */
    public static void check(List<String> redirectUris, List<String> allowedOrigins) {
        for (String r : redirectUris) {
            java.net.URI u;
            try {
                u = java.net.URI.create(r);
            } catch (IllegalArgumentException e) {
                throw dev.keybridge.web.Errors.invalid("'" + r + "' in redirect_uris is not a valid URI.");
            }
            if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null || u.getFragment() != null) {
                throw dev.keybridge.web.Errors.invalid("redirect_uris must be absolute http(s) URIs without a fragment.");
            }
        }
        for (String o : allowedOrigins) {
            if (!o.matches("https?://[A-Za-z0-9.\\-]+(:\\d{1,5})?")) {
                throw dev.keybridge.web.Errors.invalid("allowed_origins must look like https://app.example.com (no path).");
            }
        }
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
