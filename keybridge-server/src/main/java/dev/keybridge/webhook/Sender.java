package dev.keybridge.webhook;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.egress.Egress;
import dev.keybridge.tenancy.Environment;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * One HTTP POST to a receiver with a hard deadline ({@code KEYBRIDGE_WEBHOOK_TIMEOUT}) covering
 * connect, headers and the (capped) body. Redirects are not followed.
 */
@Component
class Sender {

    static final int EXCERPT_BYTES = 2048;
    private static final int MAX_ERROR_CHARS = 500;

    private final Egress egress;
    private final Duration timeout;
    private final Clock clock;

    Sender(KeybridgeSettings settings, Egress egress, Clock clock) {
        this.clock = clock;
        this.timeout = settings.webhooks().timeout();
        this.egress = egress;
    }

    /** A request ready to go: the signed headers and the body. */
    record Request(Environment environment, String url, String messageId, long timestamp, String signature, int attempt, byte[] body) {}

    Outcome send(Request r) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(r.url()))
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", "Keybridge-Webhooks/1")
                .header("webhook-id", r.messageId())
                .header("webhook-timestamp", Long.toString(r.timestamp()))
                .header("webhook-signature", r.signature())
                .header("webhook-attempt", Integer.toString(r.attempt()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(r.body()))
                .build();
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> future =
                egress.client(Egress.Purpose.WEBHOOK, r.environment().isProduction()).sendAsync(request, info -> new CappedBody(EXCERPT_BYTES));
        try {
            HttpResponse<byte[]> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Outcome.response(response.statusCode(), excerpt(response.body()), elapsed(start),
                    RetryPolicy.parseRetryAfter(response.headers().firstValue("retry-after").orElse(null), clock.instant()));
        } catch (TimeoutException e) {
            future.cancel(true);
            return Outcome.failure("timeout: no complete response within " + timeout.toMillis() + " ms", elapsed(start));
        } catch (ExecutionException e) {
            return Outcome.failure(describe(e.getCause()), elapsed(start));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return Outcome.failure("interrupted: the node is shutting down", elapsed(start));
        }
    }

    private static long elapsed(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    static String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        return new String(body, StandardCharsets.UTF_8).replace("\u0000", "");
    }

    private static String describe(Throwable t) {
        String kind = t instanceof HttpConnectTimeoutException ? "connect_timeout"
                : t instanceof HttpTimeoutException ? "timeout"
                : t instanceof ConnectException ? "connection_refused"
                : "network_error";
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String out = kind + ": " + message;
        return out.length() > MAX_ERROR_CHARS ? out.substring(0, MAX_ERROR_CHARS) : out;
    }
}
