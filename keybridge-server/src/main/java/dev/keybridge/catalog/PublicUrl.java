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

    public PublicUrl(KeybridgeSettings settings) {
        String url = settings.publicUrl();
        this.configured = url == null || url.isBlank() ? null : strip(url.trim());
    }

    public String get() {
        if (configured != null) {
            return configured;
        }
        if (RequestContextHolder.getRequestAttributes() == null) {
            throw new IllegalStateException("Set KEYBRIDGE_PUBLIC_URL: there is no request to take the address from");
        }
        return strip(ServletUriComponentsBuilder.fromCurrentContextPath().replacePath(null).replaceQuery(null).toUriString());
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
