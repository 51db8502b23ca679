package dev.keybridge.webhook;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The SSRF guard. Endpoint URLs must be absolute http(s) URLs of bounded length without user info;
 * in the production environment their host must not resolve to a loopback, private, link-local,
 * unique-local, carrier-grade NAT, multicast or unspecified address, unless
 * {@code KEYBRIDGE_WEBHOOK_ALLOW_PRIVATE_URLS=true}. Checked when an endpoint is saved and again
 * before every send (DNS may have changed since).
 */
@Component
public class UrlGuard {

    private final int maxLength;
    private final boolean allowPrivate;

    UrlGuard(KeybridgeSettings settings) {
        this.maxLength = settings.webhooks().maxUrlLength();
        this.allowPrivate = settings.webhooks().allowPrivateUrls();
    }

    /** Parses and checks a URL given to the API; a refusal is a 400 naming the field. */
    URI checkForSave(Environment env, String field, String url) {
        JsonFields.checkLength(field, url, maxLength);
        URI uri = parse(url).orElseThrow(() -> Errors.invalid(
                "'" + field + "' must be an absolute http or https URL without user info."));
        refusal(env, uri, false).ifPresent(reason -> {
            throw new Errors.InvalidRequest("webhook_url_not_allowed", "'" + field + "' is not allowed: " + reason
                    + ". Production endpoints must be publicly reachable (see KEYBRIDGE_WEBHOOK_ALLOW_PRIVATE_URLS).");
        });
        return uri;
    }

    /** Why a send to {@code url} is refused now, if it is. */
    Optional<String> refusalAtSend(Environment env, String url) {
        Optional<URI> uri = parse(url);
        if (uri.isEmpty()) {
            return Optional.of("the URL is not valid");
        }
        return refusal(env, uri.get(), true);
    }

    private Optional<String> refusal(Environment env, URI uri, boolean atSend) {
        if (env != Environment.PRODUCTION || allowPrivate) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host(uri));
        } catch (UnknownHostException e) {
            // Not resolvable now: the send will fail as a network error and be retried.
            return Optional.empty();
        }
        for (InetAddress a : addresses) {
            if (isInternal(a)) {
                return Optional.of("the host resolves to a non-public address" + (atSend ? " (" + a.getHostAddress() + ")" : ""));
            }
        }
        return Optional.empty();
    }

    static Optional<URI> parse(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getRawUserInfo() != null
                    || uri.getHost() == null || uri.getHost().isEmpty() || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String host(URI uri) {
        String h = uri.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    public static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first == 100 && second >= 64 && second < 128 // carrier-grade NAT
                    || first == 198 && (second == 18 || second == 19)            // benchmarking
                    || first >= 240;                                             // reserved, broadcast
        }
        if (a instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            boolean mapped = isPrefix(b, 10, 0) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mapped) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return uniqueLocal;
        }
        return true;
    }

    private static boolean isPrefix(byte[] b, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (b[i] != value) {
                return false;
            }
        }
        return true;
    }
}
