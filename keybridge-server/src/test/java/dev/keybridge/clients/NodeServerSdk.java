package dev.keybridge.clients;

import dev.keybridge.support.Api;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/**
 * The original system's Node server SDK ({@code @cobaltio/cobalt} 1.x, wire-formats §2 and §6), call for call,
 * sending what it sends (its {@code Base.request} run on axios 1.7.9 against a listener printed these): every
 * request carries {@code Content-Type: application/json} (also on a GET without a body), {@code x-api-key}, and
 * axios' {@code Accept} and {@code User-Agent}; {@code params} become the query string, and a
 * {@code linked_account_id} among them is also sent as a header; {@code getConfig} and {@code deleteConfig}
 * send their payload as a JSON body on GET and DELETE and end the path with a slash when no {@code config_id}
 * is given. A status of 400 or more throws with the answer's {@code message}, as the SDK does. The nine
 * workflow-engine calls are left out (Keybridge answers them 501).
 */
final class NodeServerSdk {

    /** What the SDK throws: {@code new Error(error.response.data.message)}. */
    static final class SdkError extends RuntimeException {
        final int status;

        SdkError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final Api http;
    private final String apiKey;

    NodeServerSdk(Api http, String apiKey) {
        this.http = http;
        this.apiKey = apiKey;
    }

    JsonNode createLinkedAccount(Map<String, ?> payload) {
        return request("POST", "/api/v2/public/linked-account", payload, Map.of());
    }

    JsonNode upsertLinkedAccount(Map<String, ?> payload) {
        return request("PUT", "/api/v2/public/linked-account", payload, Map.of());
    }

    JsonNode getAllLinkedAccounts(Map<String, String> paginationOptions) {
        return request("GET", "/api/v2/public/linked-account", null, paginationOptions);
    }

    JsonNode getLinkedAccountById(String linkedAccountId) {
        return request("GET", "/api/v2/public/linked-account/" + linkedAccountId, null, Map.of());
    }

    JsonNode deleteLinkedAccount(String linkedAccountId) {
        return request("DELETE", "/api/v2/public/linked-account/" + linkedAccountId, null, Map.of());
    }

    JsonNode migrateAuth(Map<String, ?> payload) {
        return request("PUT", "/api/v2/public/migrate-token", payload, account(payload));
    }

    JsonNode getTokenForLinkedAccount(Map<String, ?> payload) {
        return request("POST", "/api/v2/public/session-token", payload, Map.of());
    }

    JsonNode getApplications(String linkedAccountId) {
        return request("GET", "/api/v2/public/application", null, Map.of("linked_account_id", linkedAccountId));
    }

    JsonNode getApplicationBySlug(String linkedAccountId, String slug) {
        return request("GET", "/api/v2/public/application/" + slug, null, Map.of("linked_account_id", linkedAccountId));
    }

    /** {@code getConfig({linked_account_id, slug, config_id?})}: GET with the payload as its body. */
    JsonNode getConfig(Map<String, ?> payload) {
        return request("GET", configPath(payload), payload, account(payload));
    }

    /** {@code config(payload)}: find or create, {@code labels} typed as an object keyed by field. */
    JsonNode config(Map<String, ?> payload) {
        return request("POST", "/api/v2/public/config", payload, account(payload));
    }

    JsonNode updateConfig(Map<String, ?> payload) {
        return request("PUT", "/api/v2/public/config", payload, account(payload));
    }

    /** {@code deleteConfig({linked_account_id, slug, config_id?})}: DELETE with the payload as its body. */
    JsonNode deleteConfig(Map<String, ?> payload) {
        return request("DELETE", configPath(payload), payload, account(payload));
    }

    /** {@code getWebhook(): Promise<Webhook>}, read as one object {@code {_id, webhook_url, webhook_events}}. */
    JsonNode getWebhook() {
        return request("GET", "/api/v2/public/webhook", null, Map.of());
    }

    JsonNode createWebhook(Map<String, ?> payload) {
        return request("POST", "/api/v2/public/webhook", payload, Map.of());
    }

    JsonNode deleteWebhook() {
        return request("DELETE", "/api/v2/public/webhook", null, Map.of());
    }

    JsonNode subscribeWebhookEvents(Map<String, ?> payload) {
        return request("POST", "/api/v2/public/webhook/subscribe", payload, Map.of());
    }

    JsonNode unsubscribeWebhookEvent(Map<String, ?> payload) {
        return request("POST", "/api/v2/public/webhook/unsubscribe", payload, Map.of());
    }

    private static String configPath(Map<String, ?> payload) {
        Object id = payload.get("config_id");
        return "/api/v2/public/slug/" + payload.get("slug") + "/config/" + (id == null ? "" : id);
    }

    private static Map<String, String> account(Map<String, ?> payload) {
        return Map.of("linked_account_id", String.valueOf(payload.get("linked_account_id")));
    }

    /** {@code Base.request}: headers, params as the query (and the account header), body as given. */
    private JsonNode request(String method, String endpoint, Map<String, ?> body, Map<String, String> params) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("x-api-key", apiKey);
        headers.put("Accept", "application/json, text/plain, */*");
        headers.put("User-Agent", "axios/1.7.9");
        params.forEach((k, v) -> query.add(enc(k) + "=" + enc(v)));
        if (params.containsKey("linked_account_id")) {
            headers.put("linked_account_id", params.get("linked_account_id"));
        }
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(http.base() + endpoint + query))
                .timeout(Duration.ofSeconds(30));
        headers.forEach(r::header);
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)));
        Api.Response answer = http.send(r.build());
        if (answer.status() >= 400) {
            JsonNode json = answer.json();
            throw new SdkError(answer.status(), json.path("message").asString(""));
        }
        return answer.json();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
