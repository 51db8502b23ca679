package dev.keybridge.proxy;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.Errors;
import dev.keybridge.webhook.UrlGuard;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.springframework.stereotype.Component;

/**
 * The proxy's SSRF guard, the webhook guard's rule: in production an app's base URL must not resolve
 * to a loopback, private, link-local, unique-local, CGNAT, multicast or unspecified address (unless
 * {@code KEYBRIDGE_PROXY_ALLOW_PRIVATE_URLS=true}). Test environments may call local upstreams.
 */
@Component
class UpstreamGuard {

    private final boolean allowPrivate;

    UpstreamGuard(KeybridgeSettings settings) {
        this.allowPrivate = settings.proxy().allowPrivateUrls();
    }

    void check(Environment env, URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new Errors.InvalidRequest("proxy_url_not_allowed", "This app's API base URL is not an http(s) URL.");
        }
        if (env != Environment.PRODUCTION || allowPrivate) {
            return;
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (UrlGuard.isInternal(a)) {
                    throw new Errors.Forbidden("proxy_url_not_allowed", "This app's API resolves to a non-public address; "
                            + "production connections may only reach public hosts (see KEYBRIDGE_PROXY_ALLOW_PRIVATE_URLS).");
                }
            }
        } catch (UnknownHostException e) {
            throw new Errors.BadGateway("upstream_unreachable", "The app's API host could not be resolved.");
        }
    }
}
