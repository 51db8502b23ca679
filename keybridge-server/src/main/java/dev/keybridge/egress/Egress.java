package dev.keybridge.egress;

import dev.keybridge.config.KeybridgeSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;

/**
 * The one door out: every outgoing HTTP call (the proxy, webhook deliveries, Link's key
 * verification and OAuth2 token calls, token refresh, provider revocation) gets its client here.
 * Each has the purpose's timeouts, follows no redirect, and in production connects only to public
 * addresses, checked on the address actually connected ({@link GuardedDnsResolver},
 * {@link AddressRule}); the test environment may reach private addresses (local sandboxes and
 * receivers), as may production when {@code KEYBRIDGE_EGRESS_ALLOW_PRIVATE_ADDRESSES=true} (or the
 * older per-purpose {@code KEYBRIDGE_WEBHOOK_ALLOW_PRIVATE_URLS} / {@code KEYBRIDGE_PROXY_ALLOW_PRIVATE_URLS}).
 */
@Component
public class Egress implements DisposableBean {

    /** What an outgoing call is for: it sets the timeouts (and which older override applies). */
    public enum Purpose {
        /** {@code /v1/proxy}: an app's API. */
        PROXY,
        /** A webhook delivery. */
        WEBHOOK,
        /** A provider's token, verification or revocation endpoint (Link, refresh, disconnect). */
        PROVIDER
    }

    private final KeybridgeSettings settings;
    private final CloseableHttpClient publicOnly;
    private final CloseableHttpClient anyAddress;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    public Egress(KeybridgeSettings settings) {
        this.settings = settings;
        this.publicOnly = build(false);
        this.anyAddress = build(true);
    }

    /** The client for calls of {@code purpose} made on behalf of a production or a test environment. */
    public HttpClient client(Purpose purpose, boolean production) {
        boolean open = allowsPrivate(purpose, production);
        return clients.computeIfAbsent(purpose + "/" + open, k -> new EgressHttpClient(open ? anyAddress : publicOnly,
                connectTimeout(purpose), responseTimeout(purpose)));
    }

    /**
     * The same client as a Spring request factory, for libraries that call out through
     * {@code RestClient} or {@code RestTemplate} (the dashboard's single sign-on).
     */
    public ClientHttpRequestFactory requestFactory(Purpose purpose, boolean production) {
        return new JdkClientHttpRequestFactory(client(purpose, production));
    }

    /** Whether calls of {@code purpose} for a production or a test environment may reach non-public addresses. */
    public boolean allowsPrivate(Purpose purpose, boolean production) {
        return !production || settings.egress().allowPrivateAddresses()
                || purpose == Purpose.WEBHOOK && settings.webhooks().allowPrivateUrls()
                || purpose == Purpose.PROXY && settings.proxy().allowPrivateUrls();
    }

    /**
     * Why a call to {@code uri} would be refused, checked ahead (for a clear answer when a URL is
     * saved or a call starts): not an http(s) URL, user info, or a host resolving to a non-public
     * address. The send itself checks again on the address it connects to, which is what protects.
     */
    public Optional<String> refusal(Purpose purpose, boolean production, URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.of("the URL is not an absolute http(s) URL without user info");
        }
        if (allowsPrivate(purpose, production)) {
            return Optional.empty();
        }
        try {
            new GuardedDnsResolver(false).resolve(host(uri));
            return Optional.empty();
        } catch (GuardedDnsResolver.Refused e) {
            return Optional.of("the host resolves to a non-public address");
        } catch (UnknownHostException e) {
            return Optional.empty();   // not resolvable now: the call fails as a network error
        }
    }

    /** Whether {@code address} is public by the one rule. */
    public static boolean isPublic(InetAddress address) {
        return AddressRule.isPublic(address);
    }

    private Duration connectTimeout(Purpose purpose) {
        return switch (purpose) {
            case PROXY -> settings.proxy().connectTimeout();
            case WEBHOOK -> settings.webhooks().timeout();
            case PROVIDER -> settings.link().upstreamTimeout();
        };
    }

    private Duration responseTimeout(Purpose purpose) {
        return switch (purpose) {
            case PROXY -> settings.proxy().readTimeout();
            case WEBHOOK -> settings.webhooks().timeout();
            case PROVIDER -> settings.link().upstreamTimeout();
        };
    }

    private CloseableHttpClient build(boolean allowPrivate) {
        Duration connect = settings.proxy().connectTimeout().compareTo(settings.link().upstreamTimeout()) > 0
                ? settings.proxy().connectTimeout() : settings.link().upstreamTimeout();
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(allowPrivate))
                .setMaxConnTotal(1024)
                .setMaxConnPerRoute(256)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connect))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Keybridge")
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .evictExpiredConnections()
                .build();
    }

    private static String host(URI uri) {
        String h = uri.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    @Override
    public void destroy() throws IOException {
        publicOnly.close();
        anyAddress.close();
    }
}
