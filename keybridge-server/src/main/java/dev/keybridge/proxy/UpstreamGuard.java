package dev.keybridge.proxy;

import dev.keybridge.egress.Egress;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.Errors;
import java.net.URI;
import org.springframework.stereotype.Component;

/**
 * The proxy's early check, by the one egress rule ({@link Egress}): an app's base URL must be http(s)
 * and, in production, resolve to public addresses only (unless private addresses are allowed), so
 * the caller gets a clear 403 before anything is sent. The send is guarded again on the address it
 * connects to. Test environments may call local upstreams.
 */
@Component
class UpstreamGuard {

    private final Egress egress;

    UpstreamGuard(Egress egress) {
        this.egress = egress;
    }

    void check(Environment env, URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new Errors.InvalidRequest("proxy_url_not_allowed", "This app's API base URL is not an http(s) URL.");
        }
        egress.refusal(Egress.Purpose.PROXY, env.isProduction(), uri).ifPresent(reason -> {
            throw new Errors.Forbidden("proxy_url_not_allowed", "This app's API resolves to a non-public address; "
                    + "production connections may only reach public hosts (see KEYBRIDGE_EGRESS_ALLOW_PRIVATE_ADDRESSES).");
        });
    }
}
