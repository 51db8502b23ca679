package dev.keybridge.sdk.resource;

import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.ConflictException;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.DeletedObject;
import dev.keybridge.sdk.model.WebhookEndpoint;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The original seed-000 system's webhook calls, which assume one endpoint per environment: add or remove event
 * types and delete, naming the endpoint by its URL or not at all ({@code /api/v2/public/webhook/subscribe},
 * {@code …/unsubscribe}, {@code DELETE /api/v2/public/webhook?webhook_url=}). Endpoints with ids are
 * {@link WebhookEndpoints}.
 */
public final class WebhookSubscriptions extends ApiResource {

    private static final String PATH = "/api/v2/public/webhook";

    /** Made by {@link dev.keybridge.sdk.Keybridge#webhookSubscriptions()}. */
    public WebhookSubscriptions(Requester requester) {
        super(requester);
    }

    /**
     * Adds event types to an endpoint: the environment's only one ({@code webhookUrl} null), or the one with this
     * URL. An endpoint that receives every type stays so. Safe to retry.
     *
     * @param webhookUrl the endpoint's URL, or null for the only endpoint
     * @param eventTypes the types to add ({@code connection.created}, or the aliases {@code Connection Created}, …)
     * @throws NotFoundException ({@code webhook_not_found}) when there is no endpoint (with this URL)
     * @throws ConflictException ({@code several_webhook_endpoints}) when {@code webhookUrl} is null and there are
     *         several endpoints
     * @throws InvalidRequestException when an event type is unknown
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public WebhookEndpoint subscribe(@Nullable String webhookUrl, List<String> eventTypes) {
        return subscribe(webhookUrl, eventTypes, RequestOptions.NONE);
    }

    /**
     * {@link #subscribe(String, List)} with per-call options.
     *
     * @throws NotFoundException ({@code webhook_not_found}) when there is no endpoint (with this URL)
     * @throws ConflictException ({@code several_webhook_endpoints}) when {@code webhookUrl} is null and there are
     *         several endpoints
     * @throws InvalidRequestException when an event type is unknown
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public WebhookEndpoint subscribe(@Nullable String webhookUrl, List<String> eventTypes, RequestOptions options) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("webhook_events", List.copyOf(eventTypes));
        if (webhookUrl != null) {
            body.put("webhook_url", webhookUrl);
        }
        return call("POST", PATH + "/subscribe", null, body, Safety.SAFE, options, WebhookEndpoint.class);
    }

    /**
     * Removes one event type from an endpoint: the environment's only one ({@code webhookUrl} null), or the one
     * with this URL. Safe to retry.
     *
     * @param webhookUrl the endpoint's URL, or null for the only endpoint
     * @param eventType  the type to remove
     * @throws NotFoundException ({@code webhook_not_found}) when there is no endpoint (with this URL)
     * @throws ConflictException ({@code several_webhook_endpoints}) when {@code webhookUrl} is null and there are
     *         several endpoints, or ({@code no_events_left}) when it would leave the endpoint no event type
     * @throws InvalidRequestException when the event type is unknown
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public WebhookEndpoint unsubscribe(@Nullable String webhookUrl, String eventType) {
        return unsubscribe(webhookUrl, eventType, RequestOptions.NONE);
    }

    /**
     * {@link #unsubscribe(String, String)} with per-call options.
     *
     * @throws NotFoundException ({@code webhook_not_found}) when there is no endpoint (with this URL)
     * @throws ConflictException ({@code several_webhook_endpoints}) when {@code webhookUrl} is null and there are
     *         several endpoints, or ({@code no_events_left}) when it would leave the endpoint no event type
     * @throws InvalidRequestException when the event type is unknown
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public WebhookEndpoint unsubscribe(@Nullable String webhookUrl, String eventType, RequestOptions options) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("webhook_event", eventType);
        if (webhookUrl != null) {
            body.put("webhook_url", webhookUrl);
        }
        return call("POST", PATH + "/unsubscribe", null, body, Safety.SAFE, options, WebhookEndpoint.class);
    }

    /**
     * Deletes an endpoint by URL: the environment's only one ({@code webhookUrl} null), or the one with this URL.
     *
     * @param webhookUrl the endpoint's URL, or null for the only endpoint
     * @throws NotFoundException ({@code webhook_not_found}) when there is no endpoint (with this URL)
     * @throws ConflictException ({@code several_webhook_endpoints}) when {@code webhookUrl} is null and there are
     *         several endpoints
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public DeletedObject deleteByUrl(@Nullable String webhookUrl) {
        return deleteByUrl(webhookUrl, RequestOptions.NONE);
    }

    /**
     * {@link #deleteByUrl(String)} with per-call options.
     *
     * @throws NotFoundException ({@code webhook_not_found}) when there is no endpoint (with this URL)
     * @throws ConflictException ({@code several_webhook_endpoints}) when {@code webhookUrl} is null and there are
     *         several endpoints
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public DeletedObject deleteByUrl(@Nullable String webhookUrl, RequestOptions options) {
        Map<String, String> query = new LinkedHashMap<>();
        if (webhookUrl != null) {
            query.put("webhook_url", webhookUrl);
        }
        return call("DELETE", PATH, query, null, Safety.SAFE, options, DeletedObject.class);
    }
}
