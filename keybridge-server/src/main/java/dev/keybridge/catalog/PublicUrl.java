package dev.keybridge.catalog;

import dev.keybridge.config.KeybridgeSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * This server's address as browsers and providers see it: {@code KEYBRIDGE_PUBLIC_URL}, or else
 * the scheme, host and port of the current request.
 */
@Component
public class PublicUrl {

    private final String configured;
    private volatile String local;

    public PublicUrl(KeybridgeSettings settings) {
        String url = settings.publicUrl();
        this.configured = url == null || url.isBlank() ? null : strip(url.trim());
    }

    public String get() {
        if (configured != null) {
            return configured;
        }
        if (RequestContextHolder.getRequestAttributes() == null) {
            if (local != null) {
                return local;     // background work (token refresh): this node's own address
            }
            throw new IllegalStateException("Set KEYBRIDGE_PUBLIC_URL: there is no request to take the address from");
        }
        return strip(ServletUriComponentsBuilder.fromCurrentContextPath().replacePath(null).replaceQuery(null).toUriString());
    }

    /** Learns this node's own address once the server listens, for work done outside a request. */
    @org.springframework.context.event.EventListener
    void listening(org.springframework.boot.web.server.context.WebServerInitializedEvent event) {
        if (!"management".equals(event.getApplicationContext().getServerNamespace())) {
            local = "http://127.0.0.1:" + event.getWebServer().getPort();
        }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
