package dev.keybridge.webhook;

import dev.keybridge.web.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wire shape of an endpoint; the secret appears only in create and rotate answers. */
final class EndpointView {

    private EndpointView() {}

    static Map<String, Object> of(WebhookEndpoint e, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", e.id());
        out.put("_id", e.id()); // the original system's name for it (wire-formats §6)
        out.put("object", "webhook_endpoint");
        out.put("environment", e.environment().wire());
        out.put("webhook_url", e.url());
        out.put("webhook_events", e.eventTypes());
        out.put("is_enabled", e.enabled());
        boolean overlap = e.previousSecretExpiresAt() != null && e.previousSecretExpiresAt().isAfter(now);
        out.put("previous_secret_expires_at", overlap ? Timestamps.format(e.previousSecretExpiresAt()) : null);
        out.put("created_at", Timestamps.format(e.createdAt()));
        out.put("updated_at", Timestamps.format(e.updatedAt()));
        return out;
    }

    static Map<String, Object> withSecret(WebhookEndpoint e, Instant now, String secret) {
        Map<String, Object> out = of(e, now);
        out.put("secret", secret);
        return out;
    }
}
