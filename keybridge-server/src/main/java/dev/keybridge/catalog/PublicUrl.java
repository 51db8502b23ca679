package dev.keybridge.catalog;

import dev.keybridge.config.KeybridgeSettings;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * This server's address, in two uses. {@link #get()}: as browsers see it, for the addresses handed to
 * them (Link and invitation links, OAuth authorize and callback URLs, icons): {@code KEYBRIDGE_PUBLIC_URL},
 * or else the scheme, host and port of the current request. {@link #forCalls()}: for the calls this
 * server makes to itself (the sandbox's token, revoke and API URLs): {@code KEYBRIDGE_PUBLIC_URL}, or
 * else this node's own listening address; never the request's {@code Host} or {@code X-Forwarded-*}
 * headers, which a caller chooses and would otherwise point a server-side call anywhere.
 */
@Component
public class PublicUrl {

    private final String configured;
    private volatile String local;

    public PublicUrl(KeybridgeSettings settings) {
        String url = settings.publicUrl();
        this.configured = url == null || url.isBlank() ? null : strip(url.trim());
    }

    /** The address for browsers: the setting, else the current request's (else this node's own). */
    public String get() {
        if (configured != null) {
            return configured;
        }
        if (RequestContextHolder.getRequestAttributes() == null) {
            return self();     // background work (token refresh): this node's own address
        }
        return strip(ServletUriComponentsBuilder.fromCurrentContextPath().replacePath(null).replaceQuery(null).toUriString());
    }

    /** The address for calls the server makes: the setting, else this node's own; never from a request. */
    public String forCalls() {
        return configured != null ? configured : self();
    }

    private String self() {
        if (local == null) {
            throw new IllegalStateException("Set KEYBRIDGE_PUBLIC_URL: this server does not listen yet");
        }
        return local;
    }

    /** Learns this node's own address once the server listens ({@code KEYBRIDGE_BIND_ADDRESS}, its port). */
    @EventListener
    void listening(WebServerInitializedEvent event) {
        if (!"management".equals(event.getApplicationContext().getServerNamespace())) {
            String bound = event.getApplicationContext().getEnvironment().getProperty("server.address");
            local = "http://" + host(bound) + ":" + event.getWebServer().getPort();
        }
    }

    /** The host to reach this node on: the bound address, or loopback when it listens on every address. */
    static String host(String bound) {
        if (bound == null || bound.isBlank() || bound.equals("0.0.0.0") || bound.equals("::")
                || bound.equals("0:0:0:0:0:0:0:0")) {
            return "127.0.0.1";
        }
        return bound.indexOf(':') >= 0 && !bound.startsWith("[") ? "[" + bound + "]" : bound;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
