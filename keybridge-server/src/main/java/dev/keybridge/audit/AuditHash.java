package dev.keybridge.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The chain: {@code hash = SHA-256(prev_hash || canonical(record))}. The canonical form is each field as a
 * 4-byte length (-1 for null) and its UTF-8 bytes, in a fixed order: organization, environment, time (epoch
 * microseconds), actor type, actor id, action, connection id and the detail as JSON with sorted keys and no
 * spaces ({@link #json}), which is also what is stored, so a record read back hashes the same.
 */
final class AuditHash {

    private AuditHash() {}

    static byte[] hash(byte @Nullable [] prev, AuditRecord r) {
        return hash(prev, r, json(r.detail()));
    }

    /** The hash with the detail's JSON ({@link #json}) already made, as the writer stores it too. */
    static byte[] hash(byte @Nullable [] prev, AuditRecord r, String detailJson) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (prev != null) {
            sha.update(prev);
        }
        return sha.digest(canonical(r, detailJson));
    }

    static byte[] canonical(AuditRecord r) {
        return canonical(r, json(r.detail()));
    }

    private static byte[] canonical(AuditRecord r, String detailJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        long micros = Math.addExact(Math.multiplyExact(r.at().getEpochSecond(), 1_000_000L), r.at().getNano() / 1000);
        for (String field : new String[] {r.orgId(), r.environment().wire(), Long.toString(micros), r.actorType().wire(),
                r.actorId(), r.action(), r.connectionId(), detailJson}) {
            if (field == null) {
                out.writeBytes(new byte[] {-1, -1, -1, -1});
                continue;
            }
            byte[] b = field.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8),
                    (byte) b.length});
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** The detail as compact JSON, keys in the map's (sorted) order. */
    static String json(Map<String, Object> detail) {
        StringBuilder s = new StringBuilder("{");
        for (Map.Entry<String, Object> e : detail.entrySet()) {
            if (s.length() > 1) {
                s.append(',');
            }
            string(s, e.getKey());
            s.append(':');
            Object v = e.getValue();
            if (v instanceof String text) {
                string(s, text);
            } else {
                s.append(v);    // a number, a boolean or null
            }
        }
        return s.append('}').toString();
    }

    private static void string(StringBuilder s, String text) {
        s.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        s.append('"');
    }
}
