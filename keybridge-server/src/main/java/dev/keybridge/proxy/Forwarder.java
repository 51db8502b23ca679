package dev.keybridge.proxy;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.catalog.Templates;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.ConnectionHealth;
import dev.keybridge.connection.Connections;
import dev.keybridge.connector.AppConnectors;
import dev.keybridge.connector.Connector;
import dev.keybridge.connector.Injection;
import dev.keybridge.egress.Egress;
import dev.keybridge.refresh.TokenRefresher;
import dev.keybridge.web.Errors;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Forwards one request to a connection's app with its credential injected, streaming both bodies.
 * A request body up to {@code KEYBRIDGE_PROXY_MAX_REPLAY_BYTES} (by Content-Length) is kept so it can
 * be sent again once after a token refresh; a larger or chunked one is streamed straight through.
 * An upstream auth failure (catalog rule) leads, for refreshable credentials, to one refresh and retry;
 * otherwise the app's connector checks the stored credential, and unless it still works the connection
 * moves to {@code login_required} and the caller gets the 403 {@code login_required} answer. (A
 * credential that checks out is not failed: the upstream's answer goes to the caller as it is.)
 */
@Component
class Forwarder {

    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);
    private static final Set<String> NO_BODY = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "DELETE");

    private final AppSettings apps;
    private final AppConnectors connectors;
    private final Clock clock;
    private final Connections connections;
    private final ConnectionHealth health;
    private final TokenRefresher refresher;
    private final UpstreamGuard guard;
    private final KeybridgeSettings.Proxy settings;
    private final Egress egress;
    private final MeterRegistry meters;

    Forwarder(AppSettings apps, AppConnectors connectors, Clock clock, Connections connections, ConnectionHealth health,
              TokenRefresher refresher, UpstreamGuard guard, KeybridgeSettings settings,
              MeterRegistry meters, Egress egress) {
        this.meters = meters;
        this.egress = egress;
        this.apps = apps;
        this.connectors = connectors;
        this.clock = clock;
        this.connections = connections;
        this.health = health;
        this.refresher = refresher;
        this.guard = guard;
        this.settings = settings.proxy();
    }

    /** The request attribute that holds the upstream host once it is known (for the audit record). */
    static final String UPSTREAM_HOST = "keybridge.proxy.upstream_host";

    /** Forwards the call; the number of response body bytes sent to the caller. */
    long forward(Connection connection, String path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Connection c = usable(connection);
        AppDefinition app = apps.available(c.environment(), c.appSlug());
        Connector connector = connectors.of(app);
        if (c.credentialExpiresAt() != null && !c.credentialExpiresAt().isAfter(clock.instant())
                && connector.refreshable(connections.credentials(c))) {
            c = refresher.refresh(c);      // expired: refresh (coalesced) before the call
        }
        byte[] replay = replayableBody(request);
        AuthFailureRule rule = new AuthFailureRule(app);
        HttpResponse<InputStream> upstream = send(c, app, connector, path, request, replay);
        byte[] peek = null;
        if (rule.candidate(upstream.statusCode())) {
            peek = rule.needsBody() ? upstream.body().readNBytes(AuthFailureRule.PEEK_BYTES) : new byte[0];
            if (rule.confirms(peek)) {
                Map<String, String> credentials = connections.credentials(c);
                if (!connector.refreshable(credentials)) {
                    if (connector.check(connectors.context(c.orgId(), c.environment(), app), credentials)
                            == Connector.Check.WORKS) {
                        return copy(upstream, peek, response);    // the credential is fine: the refusal was about something else
                    }
                    upstream.body().close();
                    fail(c, connector.refusedReason());
                }
                upstream.body().close();
                c = refresher.refresh(c);
                if (replay == null) {
                    // The body was streamed and is gone: the token is fresh now, the caller sends it again.
                    throw new Errors.Unavailable("token_refreshed",
                            "The connection's token was refreshed while this request was streamed; send it again.", 0L);
                }
                upstream = send(c, app, connector, path, request, replay);
                peek = null;
                if (rule.candidate(upstream.statusCode())) {
                    peek = rule.needsBody() ? upstream.body().readNBytes(AuthFailureRule.PEEK_BYTES) : new byte[0];
                    if (rule.confirms(peek)) {
                        upstream.body().close();
                        fail(c, connector.refusedReason());
                    }
                }
            }
        }
        return copy(upstream, peek, response);
    }

    /** 403 login_required for a failing connection; a disconnected one is not found. */
    private static Connection usable(Connection c) {
        if (c.status() == Connection.Status.LOGIN_REQUIRED) {
            throw new Errors.LoginRequired(c.statusReason());
        }
        return c;
    }

    private void fail(Connection c, String reason) {
        health.loginRequired(c, reason);
        Connection now = connections.find(c.orgId(), c.environment(), c.id()).orElse(c);
        throw new Errors.LoginRequired(now.statusReason() == null ? reason : now.statusReason());
    }

    private byte @Nullable [] replayableBody(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        if (length == 0 || (length < 0 && NO_BODY.contains(request.getMethod()) && request.getHeader("transfer-encoding") == null)) {
            return new byte[0];
        }
        if (length > 0 && length <= settings.maxReplayBytes()) {
            return request.getInputStream().readNBytes((int) length);
        }
        return null;    // streamed, sent once
    }

    private HttpResponse<InputStream> send(Connection c, AppDefinition app, Connector connector, String path,
                                           HttpServletRequest request, byte @Nullable [] replay) throws IOException {
        Map<String, String> credentials = connections.credentials(c);
        Injection injection = connector.inject(app, credentials);
        URI uri = target(app, credentials, path, request.getQueryString(), injection.query());
        guard.check(c.environment(), uri);
        request.setAttribute(UPSTREAM_HOST, uri.getHost());
        HttpRequest.BodyPublisher body;
        if (replay != null) {
            body = replay.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(replay);
        } else {
            InputStream in = request.getInputStream();
            long length = request.getContentLengthLong();
            HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> in);
            body = length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(settings.readTimeout())
                .method(request.getMethod(), body);
        Set<String> tokens = HopByHop.connectionTokens(Collections.list(request.getHeaders("connection")));
        for (String name : Collections.list(request.getHeaderNames())) {
            if (HopByHop.forwardRequestHeader(name, tokens) && !injection.headers().keySet().stream().anyMatch(name::equalsIgnoreCase)) {
                for (String value : Collections.list(request.getHeaders(name))) {
                    builder.header(name, value);
                }
            }
        }
        injection.headers().forEach(builder::header);
        long started = System.nanoTime();
        String status = "error";
        try {
            HttpResponse<InputStream> r = egress.client(Egress.Purpose.PROXY, c.environment().isProduction()).send(builder.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            status = Integer.toString(r.statusCode());
            return r;
        } catch (HttpConnectTimeoutException e) {
            throw new Errors.BadGateway("upstream_timeout", "The app's API did not accept a connection in time.");
        } catch (HttpTimeoutException e) {
            throw new Errors.BadGateway("upstream_timeout", "The app's API did not answer in time.");
        } catch (IOException e) {
            log.info("Proxy call for connection {} to {} failed: {}", c.id(), uri.getHost(), e.getClass().getSimpleName());
            throw new Errors.BadGateway("upstream_unreachable", "The app's API could not be reached.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Errors.BadGateway("upstream_unreachable", "Interrupted while calling the app's API.");
        } finally {
            meters.timer("keybridge.proxy.upstream", "app", app.slug(), "status", status)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /** base URL (placeholders from the credentials) + the path after /v1/proxy + the query + injected query. */
    static URI target(AppDefinition app, Map<String, String> credentials, String path, String query, String injected) {
        if (app.apiBaseUrl() == null) {
            throw new Errors.InvalidRequest("proxy_not_supported", "The app '" + app.slug() + "' has no API base URL to proxy to.");
        }
        String base = Templates.fill(app.apiBaseUrl(), credentials);
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (path.contains("/../") || path.endsWith("/..") || path.equals("..") || path.contains("/./")) {
            throw Errors.invalid("The proxied path may not contain '.' or '..' segments.");
        }
        String q = query == null ? "" : query;
        if (injected != null && !injected.isEmpty()) {
            q = q.isEmpty() ? injected : q + "&" + injected;
        }
        try {
            return URI.create(base + "/" + path + (q.isEmpty() ? "" : "?" + q));
        } catch (IllegalArgumentException e) {
            throw Errors.invalid("The proxied path or query is not a valid URI.");
        }
    }

    /** Status, safe headers, then the body streamed in 16 KiB pieces (the peeked bytes first). */
    private static long copy(HttpResponse<InputStream> upstream, byte @Nullable [] peek, HttpServletResponse response)
            throws IOException {
        response.setStatus(upstream.statusCode());
        Set<String> tokens = HopByHop.connectionTokens(upstream.headers().allValues("connection"));
        upstream.headers().map().forEach((name, values) -> {
            if (HopByHop.forwardResponseHeader(name, tokens)) {
                for (String v : values) {
                    response.addHeader(name, v);
                }
            }
        });
        upstream.headers().firstValueAsLong("content-length").ifPresent(response::setContentLengthLong);
        try (InputStream in = peek == null ? upstream.body()
                : new SequenceInputStream(new ByteArrayInputStream(peek), upstream.body())) {
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[16384];
            int n;
            long total = 0;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                total += n;
            }
            out.flush();
            return total;
        }
    }

}
