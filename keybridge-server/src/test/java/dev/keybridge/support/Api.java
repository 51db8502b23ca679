package dev.keybridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests: real sockets, JSON in and out, default headers per instance. Every answer is
 * checked against docs/openapi.json ({@link ApiContract}): one that breaks it fails the calling test.
 */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** A response: status, headers and the body as JSON (null when it is not JSON). */
    public record Response(int status, HttpHeaders headers, String text) {
        public JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (RuntimeException e) {
                throw new AssertionError("not JSON (status " + status + "): " + text, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final String base;
    private final Map<String, String> headers;

    public Api(String base) {
        this(base, Map.of());
    }

    private Api(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    public String base() {
        return base;
    }

    public Api withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Api(base, h);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    /** The served OpenAPI document; springdoc builds it on the first call, which takes up to a minute on a busy machine. */
    public Response openApiDocument() {
        return send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).timeout(Duration.ofMinutes(3)).GET().build());
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    /** Sends {@code body} as JSON: a String is sent as it is, anything else is serialized. */
    public Response send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            request.header("content-type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        return send(request.build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            ApiContract.check(request.method(), request.uri(), r.statusCode(),
                    r.headers().firstValue("content-type").orElse(null), r.body(),
                    r.headers().firstValue("x-keybridge-error").isPresent());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
