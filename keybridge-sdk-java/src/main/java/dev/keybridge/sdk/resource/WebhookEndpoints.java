package dev.keybridge.sdk.resource;

import dev.keybridge.sdk.Page;
import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.IdempotencyException;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.DeletedObject;
import dev.keybridge.sdk.model.Delivery;
import dev.keybridge.sdk.model.DeliveryAttempt;
import dev.keybridge.sdk.model.Redelivery;
import dev.keybridge.sdk.model.Replay;
import dev.keybridge.sdk.model.WebhookEndpoint;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import dev.keybridge.sdk.param.DeliveryListParams;
import dev.keybridge.sdk.param.WebhookEndpointListParams;
import dev.keybridge.sdk.param.WebhookEndpointParams;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Webhook endpoints, their delivery log, redelivery and replay ({@code /api/v2/public/webhook}). The original
 * seed-000 system's calls that assume one endpoint per environment are {@link WebhookSubscriptions}.
 */
public final class WebhookEndpoints extends ApiResource {

    private static final String PATH = "/api/v2/public/webhook";

    /** Made by {@link dev.keybridge.sdk.Keybridge#webhookEndpoints()}. */
    public WebhookEndpoints(Requester requester) {
        super(requester);
    }

    /**
     * Creates an endpoint; the answer holds its secret ({@code whsec_…}) this once. When an endpoint already has this
     * URL, it is updated instead and the answer holds no secret (the original system's "create or update").
     * Idempotent across retries.
     *
     * @throws InvalidRequestException when the URL is not an absolute http(s) URL or an event type is unknown
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public WebhookEndpoint create(WebhookEndpointParams params) {
        return create(params, RequestOptions.NONE);
    }

    /**
     * {@link #create(WebhookEndpointParams)} with per-call options.
     *
     * @throws InvalidRequestException when the URL is not an absolute http(s) URL or an event type is unknown
     * @throws IdempotencyException when your key was used for another request, or its first request is still running
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public WebhookEndpoint create(WebhookEndpointParams params, RequestOptions options) {
        return call("POST", PATH, null, params.toBody(), Safety.KEYED, options, WebhookEndpoint.class);
    }

    /**
     * The first page of endpoints (20 per page).
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public Page<WebhookEndpoint> list() {
        return list(WebhookEndpointListParams.builder().build());
    }

    /**
     * The first page of endpoints as {@code params} say (page size; the page after a saved cursor).
     *
     * @throws InvalidRequestException when the limit is out of range or the cursor is not one of this list
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Page<WebhookEndpoint> list(WebhookEndpointListParams params) {
        return list(params, RequestOptions.NONE);
    }

    /**
     * {@link #list(WebhookEndpointListParams)} with per-call options (used for every page fetched).
     *
     * @throws InvalidRequestException when the limit is out of range or the cursor is not one of this list
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Page<WebhookEndpoint> list(WebhookEndpointListParams params, RequestOptions options) {
        return list(PATH, params.toQuery(), WebhookEndpoint.class, options);
    }

    /**
     * One endpoint (without its secret).
     *
     * @throws NotFoundException when there is none with this id
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public WebhookEndpoint retrieve(String endpointId) {
        return retrieve(endpointId, RequestOptions.NONE);
    }

    /**
     * {@link #retrieve(String)} with per-call options.
     *
     * @throws NotFoundException when there is none with this id
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public WebhookEndpoint retrieve(String endpointId, RequestOptions options) {
        return call("GET", PATH + "/" + segment(endpointId), null, null, Safety.SAFE, options, WebhookEndpoint.class);
    }

    /**
     * Changes what {@code params} sets; the rest is kept.
     *
     * @throws NotFoundException when there is none with this id
     * @throws InvalidRequestException when a field is malformed
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public WebhookEndpoint update(String endpointId, WebhookEndpointParams params) {
        return update(endpointId, params, RequestOptions.NONE);
    }

    /**
     * {@link #update(String, WebhookEndpointParams)} with per-call options.
     *
     * @throws NotFoundException when there is none with this id
     * @throws InvalidRequestException when a field is malformed
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public WebhookEndpoint update(String endpointId, WebhookEndpointParams params, RequestOptions options) {
        return call("PATCH", PATH + "/" + segment(endpointId), null, params.toBody(), Safety.SAFE, options,
                WebhookEndpoint.class);
    }

    /**
     * Deletes the endpoint with its delivery log.
     *
     * @throws NotFoundException when there is none with this id
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public DeletedObject delete(String endpointId) {
        return delete(endpointId, RequestOptions.NONE);
    }

    /**
     * {@link #delete(String)} with per-call options.
     *
     * @throws NotFoundException when there is none with this id
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public DeletedObject delete(String endpointId, RequestOptions options) {
        return call("DELETE", PATH + "/" + segment(endpointId), null, null, Safety.SAFE, options, DeletedObject.class);
    }

    /**
     * A new secret (in the answer, this once); the previous one keeps signing until
     * {@link WebhookEndpoint#previousSecretExpiresAt()}. Not retried after a network error (a retry
     * would rotate again).
     *
     * @throws NotFoundException when there is none with this id
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public WebhookEndpoint rotateSecret(String endpointId) {
        return rotateSecret(endpointId, RequestOptions.NONE);
    }

    /**
     * {@link #rotateSecret(String)} with per-call options.
     *
     * @throws NotFoundException when there is none with this id
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public WebhookEndpoint rotateSecret(String endpointId, RequestOptions options) {
        return call("POST", PATH + "/" + segment(endpointId) + "/rotate-secret", null, null, Safety.UNSAFE, options,
                WebhookEndpoint.class);
    }

    /**
     * The endpoint's delivery log, newest first.
     *
     * @throws NotFoundException when there is no endpoint with this id
     * @throws InvalidRequestException when a filter, the limit or the cursor is refused
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Page<Delivery> deliveries(String endpointId, DeliveryListParams params) {
        return deliveries(endpointId, params, RequestOptions.NONE);
    }

    /**
     * {@link #deliveries(String, DeliveryListParams)} with per-call options (used for every page fetched).
     *
     * @throws NotFoundException when there is no endpoint with this id
     * @throws InvalidRequestException when a filter, the limit or the cursor is refused
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Page<Delivery> deliveries(String endpointId, DeliveryListParams params, RequestOptions options) {
        return list(PATH + "/" + segment(endpointId) + "/deliveries", params.toQuery(), Delivery.class, options);
    }

    /**
     * Every attempt of the endpoint's deliveries, newest first.
     *
     * @throws NotFoundException when there is no endpoint with this id
     * @throws InvalidRequestException when a filter, the limit or the cursor is refused
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Page<DeliveryAttempt> attempts(String endpointId, DeliveryListParams params) {
        return attempts(endpointId, params, RequestOptions.NONE);
    }

    /**
     * {@link #attempts(String, DeliveryListParams)} with per-call options (used for every page fetched).
     *
     * @throws NotFoundException when there is no endpoint with this id
     * @throws InvalidRequestException when a filter, the limit or the cursor is refused
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Page<DeliveryAttempt> attempts(String endpointId, DeliveryListParams params, RequestOptions options) {
        return list(PATH + "/" + segment(endpointId) + "/attempts", params.toQuery(), DeliveryAttempt.class, options);
    }

    /**
     * Sends one event to the endpoint again (a new delivery). Idempotent across retries.
     *
     * @throws NotFoundException when the endpoint or the event does not exist
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Redelivery redeliver(String endpointId, String eventId) {
        return redeliver(endpointId, eventId, RequestOptions.NONE);
    }

    /**
     * {@link #redeliver(String, String)} with per-call options.
     *
     * @throws NotFoundException when the endpoint or the event does not exist
     * @throws IdempotencyException when your key was used for another request, or its first request is still running
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Redelivery redeliver(String endpointId, String eventId, RequestOptions options) {
        return call("POST", PATH + "/" + segment(endpointId) + "/redeliver", null, body("event_id", eventId),
                Safety.KEYED, options, Redelivery.class);
    }

    /**
     * Sends again every event of the endpoint's types created since {@code since} (at most 10,000). Not retried
     * after a network error (a retry would queue them again).
     *
     * @throws NotFoundException when there is no endpoint with this id
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Replay replay(String endpointId, Instant since) {
        return replay(endpointId, since, RequestOptions.NONE);
    }

    /**
     * {@link #replay(String, Instant)} with per-call options.
     *
     * @throws NotFoundException when there is no endpoint with this id
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Replay replay(String endpointId, Instant since, RequestOptions options) {
        String text = DateTimeFormatter.ISO_INSTANT.format(since.truncatedTo(ChronoUnit.MILLIS));
        return call("POST", PATH + "/" + segment(endpointId) + "/replay", null, body("since", text), Safety.UNSAFE,
                options, Replay.class);
    }
}
