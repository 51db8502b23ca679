package dev.keybridge.webhook;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.egress.Egress;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The SSRF guard. Endpoint URLs must be absolute http(s) URLs of bounded length without user info;
 * in the production environment their host must not resolve to a loopback, private, link-local,
 * unique-local, carrier-grade NAT, multicast or unspecified address, unless
 * {@code KEYBRIDGE_WEBHOOK_ALLOW_PRIVATE_URLS=true}: the one rule of {@link Egress}. Checked when an
 * endpoint is saved and before every send, for a clear reason; the send itself is guarded again on
 * the address it connects to (the egress door), which is what makes DNS rebinding useless.
 */
@Component
public class UrlGuard {

    private final int maxLength;
    private final Egress egress;

    UrlGuard(KeybridgeSettings settings, Egress egress) {
        this.maxLength = settings.webhooks().maxUrlLength();
        this.egress = egress;
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
        return egress.refusal(Egress.Purpose.WEBHOOK, env.isProduction(), uri);
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
}
