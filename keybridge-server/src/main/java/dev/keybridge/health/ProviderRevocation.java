package dev.keybridge.health;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connection.Connection;
import dev.keybridge.egress.Egress;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Revokes a connection's OAuth2 grant at the provider (RFC 7009) where the catalog names a
 * {@code revoke_url}: the refresh token if there is one (which ends the whole grant at most
 * providers), else the access token. Best effort: the answer says whether the provider agreed.
 */
@Component
class ProviderRevocation {

    private static final Logger log = LoggerFactory.getLogger(ProviderRevocation.class);

    private final AppSettings apps;
    private final Egress egress;
    private final java.time.Duration timeout;

    ProviderRevocation(AppSettings apps, KeybridgeSettings settings, Egress egress) {
        this.egress = egress;
        this.apps = apps;
        this.timeout = settings.link().upstreamTimeout();
    }

    /** True when the provider confirmed; false when it refused, failed, or the app cannot revoke. */
    boolean revoke(Connection c, Map<String, String> credentials) {
        AppDefinition app = apps.available(c.environment(), c.appSlug());
        if (app.oauth2() == null || app.oauth2().revokeUrl() == null || app.oauth2().revokeUrl().isBlank()) {
            return false;
        }
        String token = credentials.getOrDefault("refresh_token", credentials.get("access_token"));
        if (token == null) {
            return false;
        }
        AppSettings.Client client = apps.client(c.orgId(), c.environment(), app);
        String hint = credentials.containsKey("refresh_token") ? "refresh_token" : "access_token";
        StringBuilder form = new StringBuilder("token=" + enc(token) + "&token_type_hint=" + hint);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.oauth2().revokeUrl())).timeout(timeout)
                .header("content-type", "application/x-www-form-urlencoded");
        if (client != null) {
            if (app.oauth2().postsClientSecret()) {
                form.append("&client_id=").append(enc(client.id())).append("&client_secret=")
                        .append(enc(client.secret() == null ? "" : client.secret()));
            } else {
                String basic = enc(client.id()) + ":" + enc(client.secret() == null ? "" : client.secret());
                request.header("authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            }
        }
        try {
            HttpResponse<Void> r = egress.client(Egress.Purpose.PROVIDER, c.environment()).send(request.POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2;
        } catch (IOException e) {
            log.info("Revoking connection {} at {} failed: {}", c.id(), app.slug(), e.getClass().getSimpleName());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
