package dev.keybridge.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.sdk.exception.SignatureVerificationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies webhook requests signed with the Standard Webhooks scheme: {@code webhook-signature} holds
 * {@code v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">}, keyed with the base64
 * part of your {@code whsec_…} secret; during a rotation it holds two entries (any one matching is
 * enough). A request older or newer than the tolerance (5 minutes by default) is refused, so a
 * captured request cannot be replayed later.
 *
 * <pre>{@code
 * WebhookEvent event = Webhooks.verify(rawBody, headers, secret);          // throws if forged or stale
 * WebhookEvent event = Webhooks.verify(rawBytes, headers, secret);         // the body as received, in bytes
 * // during your own rotation, accept both secrets:
 * WebhookEvent event = Webhooks.verifier().secrets(newSecret, oldSecret).build().verify(rawBody, headers);
 * }</pre>
 *
 * Pass the body exactly as received (not re-serialized JSON).
 */
public final class Webhooks {

    /** The default tolerance between {@code webhook-timestamp} and now. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = Keybridge.mapper();

    private final List<byte[]> keys;
    private final Duration tolerance;
    private final Clock clock;

    private Webhooks(List<byte[]> keys, Duration tolerance, Clock clock) {
        this.keys = keys;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * Verifies with one secret, the default tolerance and the system clock, and returns the event.
     *
     * @param body    the raw request body as text (UTF-8)
     * @param headers the request headers (any case; values a String or a list of Strings)
     * @param secret  the endpoint's secret ({@code whsec_…})
     * @throws SignatureVerificationException if it does not verify
     */
    public static WebhookEvent verify(String body, Map<String, ?> headers, String secret) {
        return verifier().secrets(secret).build().verify(body, headers);
    }

    /**
     * Verifies a body in bytes, exactly as received (e.g. a servlet's input stream read whole, or Spring's
     * {@code @RequestBody byte[]}), with one secret, the default tolerance and the system clock.
     *
     * @param body    the raw request body
     * @param headers the request headers (any case; values a String or a list of Strings)
     * @param secret  the endpoint's secret ({@code whsec_…})
     * @throws SignatureVerificationException if it does not verify
     */
    public static WebhookEvent verify(byte[] body, Map<String, ?> headers, String secret) {
        return verifier().secrets(secret).build().verify(body, headers);
    }

    /** A verifier builder (several secrets, tolerance, clock). */
    public static Builder verifier() {
        return new Builder();
    }

    /**
     * Checks the signature and the timestamp and returns the event.
     *
     * @param body    the raw request body
     * @param headers the request headers (any case; values a String or a list of Strings)
     * @throws SignatureVerificationException if it does not verify
     */
    public WebhookEvent verify(String body, Map<String, ?> headers) {
        return verify(body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * {@link #verify(String, Map)} for a body in bytes, exactly as received.
     *
     * @param body    the raw request body
     * @param headers the request headers (any case; values a String or a list of Strings)
     * @throws SignatureVerificationException if it does not verify
     */
    public WebhookEvent verify(byte[] body, Map<String, ?> headers) {
        String id = header(headers, "webhook-id");
        String timestamp = header(headers, "webhook-timestamp");
        String signatures = header(headers, "webhook-signature");
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new SignatureVerificationException("webhook-timestamp is not a number of seconds");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > tolerance.getSeconds()) {
            throw new SignatureVerificationException("webhook-timestamp is outside the tolerance of " + tolerance);
        }
        byte[] signed = concat((id + "." + seconds + ".").getBytes(StandardCharsets.UTF_8), body);
        for (byte[] key : keys) {
            byte[] expected = hmac(key, signed);
            for (String entry : signatures.trim().split(" +")) {
                int comma = entry.indexOf(',');
                if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                    continue;
                }
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(entry.substring(comma + 1));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return parse(body);
                }
            }
        }
        throw new SignatureVerificationException("no webhook-signature entry matches any of the "
                + keys.size() + " secret(s)");
    }

    private static WebhookEvent parse(byte[] body) {
        try {
            return JSON.readValue(body, WebhookEvent.class);
        } catch (IOException e) {
            throw new SignatureVerificationException("the signed body is not a Keybridge event");
        }
    }

    private static String header(Map<String, ?> headers, String name) {
        for (Map.Entry<String, ?> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                Object v = e.getValue();
                if (v instanceof Collection<?>) {
                    Collection<?> c = (Collection<?>) v;
                    v = c.isEmpty() ? null : c.iterator().next();
                }
                if (v != null && !v.toString().isBlank()) {
                    return v.toString();
                }
            }
        }
        throw new SignatureVerificationException("missing header " + name);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String toString() {
        return "Webhooks[" + keys.size() + " secret(s), tolerance=" + tolerance + "]";
    }

    /** Builds a verifier. */
    public static final class Builder {
        private final List<byte[]> keys = new ArrayList<>();
        private Duration tolerance = DEFAULT_TOLERANCE;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The secrets to accept ({@code whsec_…}), e.g. the new and the old one during your rotation. */
        public Builder secrets(String... secrets) {
            for (String s : secrets) {
                if (s == null || s.isBlank()) {
                    throw new IllegalArgumentException("a webhook secret must not be empty");
                }
                String b64 = s.startsWith("whsec_") ? s.substring("whsec_".length()) : s;
                try {
                    keys.add(Base64.getDecoder().decode(b64));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64");
                }
            }
            return this;
        }

        /** How far {@code webhook-timestamp} may be from now (default 5 minutes). */
        public Builder tolerance(Duration tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        /** The clock "now" is read from (tests pass a fixed one). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The verifier. */
        public Webhooks build() {
            if (keys.isEmpty()) {
                throw new IllegalStateException("set at least one secret");
            }
            return new Webhooks(List.copyOf(keys), tolerance, clock);
        }

        @Override
        public String toString() {
            return "Webhooks.Builder[" + keys.size() + " secret(s)]";
        }
    }
}
