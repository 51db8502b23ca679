package dev.keybridge.sdk.resource;

import dev.keybridge.sdk.Page;
import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.model.DeletedObject;
import dev.keybridge.sdk.model.Delivery;
import dev.keybridge.sdk.model.DeliveryAttempt;
import dev.keybridge.sdk.model.Redelivery;
import dev.keybridge.sdk.model.Replay;
import dev.keybridge.sdk.model.WebhookEndpoint;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import dev.keybridge.sdk.param.DeliveryListParams;
import dev.keybridge.sdk.param.WebhookEndpointParams;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Webhook endpoints, their delivery log, redelivery and replay ({@code /api/v2/public/webhook}). */
public final class WebhookEndpoints extends ApiResource {

    private static final String PATH = "/api/v2/public/webhook";

    /** Made by {@link dev.keybridge.sdk.Keybridge#webhookEndpoints()}. */
    public WebhookEndpoints(Requester requester) {
        super(requester);
    }

    /** Creates an endpoint; the answer holds its secret ({@code whsec_…}) this once. Idempotent across retries. */
    public WebhookEndpoint create(WebhookEndpointParams params) {
        return create(params, RequestOptions.NONE);
    }

    /** {@link #create(WebhookEndpointParams)} with per-call options. */
    public WebhookEndpoint create(WebhookEndpointParams params, RequestOptions options) {
        return call("POST", PATH, null, params.toBody(), Safety.KEYED, options, WebhookEndpoint.class);
    }

    /** The first page of endpoints (20 per page). */
    public Page<WebhookEndpoint> list() {
        return list(PATH, Map.of(), WebhookEndpoint.class, RequestOptions.NONE);
    }

    /** One endpoint (without its secret). */
    public WebhookEndpoint retrieve(String endpointId) {
        return call("GET", PATH + "/" + segment(endpointId), null, null, Safety.SAFE, RequestOptions.NONE,
                WebhookEndpoint.class);
    }

    /** Changes what {@code params} sets; the rest is kept. */
    public WebhookEndpoint update(String endpointId, WebhookEndpointParams params) {
        return call("PATCH", PATH + "/" + segment(endpointId), null, params.toBody(), Safety.SAFE, RequestOptions.NONE,
                WebhookEndpoint.class);
    }

    /** Deletes the endpoint with its delivery log. */
    public DeletedObject delete(String endpointId) {
        return call("DELETE", PATH + "/" + segment(endpointId), null, null, Safety.SAFE, RequestOptions.NONE,
                DeletedObject.class);
    }

    /**
     * A new secret (in the answer, this once); the previous one keeps signing until
     * {@link WebhookEndpoint#previousSecretExpiresAt()}. Not retried after a network error (a retry
     * would rotate again).
     */
    public WebhookEndpoint rotateSecret(String endpointId) {
        return call("POST", PATH + "/" + segment(endpointId) + "/rotate-secret", null, null, Safety.UNSAFE,
                RequestOptions.NONE, WebhookEndpoint.class);
    }

    /** The endpoint's delivery log, newest first. */
    public Page<Delivery> deliveries(String endpointId, DeliveryListParams params) {
        return list(PATH + "/" + segment(endpointId) + "/deliveries", params.toQuery(), Delivery.class,
                RequestOptions.NONE);
    }

    /** Every attempt of the endpoint's deliveries, newest first. */
    public Page<DeliveryAttempt> attempts(String endpointId, DeliveryListParams params) {
        return list(PATH + "/" + segment(endpointId) + "/attempts", params.toQuery(), DeliveryAttempt.class,
                RequestOptions.NONE);
    }

    /** Sends one event to the endpoint again (a new delivery). Idempotent across retries. */
    public Redelivery redeliver(String endpointId, String eventId) {
        return redeliver(endpointId, eventId, RequestOptions.NONE);
    }

    /** {@link #redeliver(String, String)} with per-call options. */
    public Redelivery redeliver(String endpointId, String eventId, RequestOptions options) {
        return call("POST", PATH + "/" + segment(endpointId) + "/redeliver", null, body("event_id", eventId),
                Safety.KEYED, options, Redelivery.class);
    }

    /** Sends again every event of the endpoint's types created since {@code since} (at most 10,000). */
    public Replay replay(String endpointId, Instant since) {
        String text = DateTimeFormatter.ISO_INSTANT.format(since.truncatedTo(ChronoUnit.MILLIS));
        return call("POST", PATH + "/" + segment(endpointId) + "/replay", null, body("since", text), Safety.UNSAFE,
                RequestOptions.NONE, Replay.class);
    }
}
