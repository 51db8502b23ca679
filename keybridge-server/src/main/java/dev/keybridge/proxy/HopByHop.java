package dev.keybridge.proxy;

import dev.keybridge.web.ErrorBody;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which headers cross the proxy. Hop-by-hop headers (RFC 9110 §7.6.1) and those named in
 * {@code Connection} never do; our own credentials and routing headers are not forwarded upstream;
 * cookies cross neither way (the upstream's cookies mean nothing on Keybridge's origin); the upstream's
 * answer never carries Keybridge's error marker ({@code x-keybridge-error}) to the caller.
 */
final class HopByHop {

    private static final Set<String> HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade");
    private static final Set<String> REQUEST_ONLY = Set.of("host", "content-length", "expect", "x-api-key", "client_id",
            "client_secret", "access_token", "linked_account_id", "slug", "authorization", "cookie", "forwarded",
            "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip", "http2-settings");
    /** Also Keybridge's own error marker: an upstream's answer never carries it through (nor spoofs it). */
    private static final Set<String> RESPONSE_ONLY = Set.of("set-cookie", "set-cookie2", "content-length",
            ErrorBody.MARKER_HEADER);

    private HopByHop() {}

    static boolean forwardRequestHeader(String name, Set<String> connectionTokens) {
        String n = name.toLowerCase(Locale.ROOT);
        return !HOP.contains(n) && !REQUEST_ONLY.contains(n) && !connectionTokens.contains(n) && !n.startsWith(":");
    }

    static boolean forwardResponseHeader(String name, Set<String> connectionTokens) {
        String n = name.toLowerCase(Locale.ROOT);
        return !HOP.contains(n) && !RESPONSE_ONLY.contains(n) && !connectionTokens.contains(n) && !n.startsWith(":");
    }

    /** The header names listed in a {@code Connection} header value. */
    static Set<String> connectionTokens(List<String> values) {
        Set<String> out = new HashSet<>();
        for (String v : values) {
            for (String t : v.split(",")) {
                if (!t.isBlank()) {
                    out.add(t.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }
}
