package dev.keybridge.webhook;

import java.time.Duration;

/**
 * What one attempt got: a status code (or 0 when no response came), a capped excerpt of the
 * response body, an error description, how long it took, and the receiver's Retry-After if any.
 */
record Outcome(int statusCode, String excerpt, String error, long latencyMs, Duration retryAfter, boolean refused) {

    static Outcome response(int statusCode, String excerpt, long latencyMs, Duration retryAfter) {
        return new Outcome(statusCode, excerpt, null, latencyMs, retryAfter, false);
    }

    static Outcome failure(String error, long latencyMs) {
        return new Outcome(0, null, error, latencyMs, null, false);
    }

    /** Not sent at all, and never will be as things stand (SSRF guard, payload too large). */
    static Outcome refused(String error) {
        return new Outcome(0, null, error, 0, null, true);
    }

    boolean succeeded() {
        return statusCode >= 200 && statusCode < 300;
    }
}
