package dev.keybridge.link;

import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.Errors;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Per environment: the redirect URIs Link may send the browser to, the origins that may embed it,
 * and how Link presents the host (display name, logo, accent colour, theme).
 */
@Service
public class LinkSettings {

    public record Setting(List<String> redirectUris, List<String> allowedOrigins) {}

    /**
     * The host's branding on Link: {@code displayName} (null: the organization's name), {@code logo} (a
     * {@code data:image/…;base64,} URI, null: a monogram), {@code accentColor} ({@code #rrggbb}, null:
     * Keybridge's), {@code theme} ({@code light}, {@code dark} or {@code system}).
     */
    public record Branding(String displayName, String logo, String accentColor, String theme) {
        public static final Branding DEFAULT = new Branding(null, null, null, "system");
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    LinkSettings(JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** 400 unless every redirect URI is an absolute http(s) URI without a fragment and every origin scheme://host[:port]. */
    public static void check(List<String> redirectUris, List<String> allowedOrigins) {
        for (String r : redirectUris) {
            URI u;
            try {
                u = URI.create(r);
            } catch (IllegalArgumentException e) {
                throw Errors.invalid("'" + r + "' in redirect_uris is not a valid URI.");
            }
            if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null || u.getFragment() != null) {
                throw Errors.invalid("redirect_uris must be absolute http(s) URIs without a fragment.");
            }
        }
        for (String o : allowedOrigins) {
            if (!o.matches("https?://[A-Za-z0-9.\\-]+(:\\d{1,5})?")) {
                throw Errors.invalid("allowed_origins must look like https://app.example.com (no path).");
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

    public Branding branding(String orgId, Environment env) {
        return jdbc.sql("select display_name, logo, accent_color, theme from link_setting where org_id = ? and environment = ?")
                .params(orgId, env.wire())
                .query((rs, n) -> new Branding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional().orElse(Branding.DEFAULT);
    }

    public Setting put(String orgId, Environment env, List<String> redirectUris, List<String> allowedOrigins) {
        jdbc.sql("""
                        insert into link_setting (org_id, environment, redirect_uris, allowed_origins) values (?, ?, ?, ?)
                        on conflict (org_id, environment) do update set redirect_uris = excluded.redirect_uris,
                          allowed_origins = excluded.allowed_origins, updated_at = ?""")
                .params(orgId, env.wire(), redirectUris.toArray(String[]::new), allowedOrigins.toArray(String[]::new),
                        Timestamp.from(clock.instant()))
                .update();
        return get(orgId, env);
    }

    /** Replaces the branding (the row exists: {@link #put} ran first in the same request). */
    public Branding putBranding(String orgId, Environment env, Branding b) {
        jdbc.sql("""
                        update link_setting set display_name = ?, logo = ?, accent_color = ?, theme = ?, updated_at = ?
                        where org_id = ? and environment = ?""")
                .params(b.displayName(), b.logo(), b.accentColor(), b.theme(), Timestamp.from(clock.instant()),
                        orgId, env.wire())
                .update();
        return branding(orgId, env);
    }
}
