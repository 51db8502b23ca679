package dev.keybridge.tenancy;

import dev.keybridge.web.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Our own credentials: generated with 190+ bits of randomness and stored only as SHA-256 hashes
 * (a slow hash adds nothing for secrets this long, and lookups stay one index probe).
 */
public final class Secrets {

    private Secrets() {}

    public static String newApiKey(Environment env) {
        return "kb_" + env.prefixTag() + "_" + Ids.random(40);
    }

    public static String newClientId(Environment env) {
        return "ci_" + env.prefixTag() + "_" + Ids.random(24);
    }

    public static String newClientSecret(Environment env) {
        return "cs_" + env.prefixTag() + "_" + Ids.random(40);
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What may be shown of a secret later: its prefix and last four characters. */
    public static String hint(String secret) {
        int cut = secret.indexOf('_', secret.indexOf('_') + 1) + 1;
        return secret.substring(0, cut) + "…" + secret.substring(secret.length() - 4);
    }

    /** Which environment a presented secret claims by its prefix, or null for a foreign string. */
    public static Environment environmentOf(String secret) {
        if (secret == null) {
            return null;
        }
        for (Environment env : Environment.values()) {
            if (secret.startsWith("kb_" + env.prefixTag() + "_") || secret.startsWith("ci_" + env.prefixTag() + "_")
                    || secret.startsWith("cs_" + env.prefixTag() + "_")) {
                return env;
            }
        }
        return null;
    }
}
