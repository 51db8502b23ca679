package dev.keybridge.web;

import dev.keybridge.config.KeybridgeSettings;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The peers whose {@code X-Forwarded-For} gives the client address (rate limits), as Tomcat's RemoteIpValve
 * did: only when the direct peer matches {@code KEYBRIDGE_TRUSTED_PROXIES} (a regular expression on its
 * address), the list is read from the right, skipping addresses that match too, and the first one that does
 * not is the client (a value a client wrote itself, to the left, never wins). From such a peer, and only
 * then, {@code X-Forwarded-Proto}, {@code -Host} and {@code -Port} apply as well (Jetty's
 * {@link ForwardedRequestCustomizer}); from any other peer every forwarded header is ignored. The RFC 7239
 * {@code Forwarded} header is never read (Tomcat did not either). Installed by {@link JettyHardening}.
 */
@Component
public class TrustedProxies implements HttpConfiguration.Customizer {

    private final Pattern trusted;
    private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

    TrustedProxies(KeybridgeSettings settings) {
        this.trusted = Pattern.compile(settings.rateLimits().trustedProxies());
    }

    /** The setting, as given (for tests). */
    String trusted() {
        return trusted.pattern();
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        String peer = address(request);
        if (peer == null || !trusted.matcher(peer).matches()) {
            return request;
        }
        HttpFields.Mutable headers = HttpFields.build(request.getHeaders());
        headers.remove(HttpHeader.FORWARDED);
        String client = client(request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR));
        headers.remove(HttpHeader.X_FORWARDED_FOR);
        if (client != null) {
            headers.add(HttpHeader.X_FORWARDED_FOR, client);
        }
        HttpFields fields = headers.asImmutable();
        return forwarded.customize(new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return fields;
            }
        }, responseHeaders);
    }

    /**
     * The client in an {@code X-Forwarded-For} list (its header lines in order): the right-most address
     * that is not a trusted proxy, or the left-most when all are; null when there is none.
     */
    @Nullable String client(List<String> lines) {
        List<String> hops = new ArrayList<>();
        for (String line : lines) {
            for (String hop : line.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String client = null;
        for (int i = hops.size() - 1; i >= 0; i--) {
            client = hops.get(i);
            if (!trusted.matcher(client).matches()) {
                break;
            }
        }
        return client;
    }

    private static @Nullable String address(Request request) {
        if (request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress socket
                && socket.getAddress() != null) {
            return socket.getAddress().getHostAddress();
        }
        return null;
    }
}
