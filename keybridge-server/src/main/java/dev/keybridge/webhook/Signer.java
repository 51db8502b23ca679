package dev.keybridge.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256(key, id.timestamp.body)>}, one entry
 * per key, separated by spaces (two keys while a rotated secret is still valid).
 */
final class Signer {

    private Signer() {}

    static String signatureHeader(List<byte[]> keys, String messageId, long timestampSeconds, byte[] body) {
        return keys.stream().map(k -> "v1," + sign(k, messageId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }

    static String sign(byte[] key, String messageId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available");
        }
    }
}
