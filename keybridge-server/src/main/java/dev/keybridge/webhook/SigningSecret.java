package dev.keybridge.webhook;

import dev.keybridge.tenancy.Environment;
import dev.keybridge.vault.SealedColumn;
import dev.keybridge.vault.Vault;
import dev.keybridge.web.Ids;
import java.util.Base64;
import java.util.List;

/**
 * Endpoint signing secrets: 32 random bytes, shown once as {@code whsec_<base64>} (the Standard
 * Webhooks form) and stored only encrypted, bound to their endpoint.
 */
final class SigningSecret {

    static final String PREFIX = "whsec_";
    private static final int BYTES = 32;

    private SigningSecret() {}

    static byte[] generate() {
        return Ids.randomBytes(BYTES);
    }

    static String display(byte[] key) {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    static byte[] encrypt(Vault vault, byte[] key, String orgId, Environment env, String endpointId) {
        return vault.encrypt(key, context(orgId, env, endpointId));
    }

    static byte[] decrypt(Vault vault, byte[] ciphertext, String orgId, Environment env, String endpointId) {
        return vault.decrypt(ciphertext, context(orgId, env, endpointId));
    }

    private static byte[] context(String orgId, Environment env, String endpointId) {
        return Vault.context("webhook_endpoint", orgId, env.wire(), endpointId);
    }

    /** For master-key rotation (declared as beans by {@link EndpointStore}). */
    static SealedColumn column(String name) {
        return new SealedColumn("webhook_endpoint", name, List.of("id"),
                List.of("org_id", "environment"),
                r -> context(r.string("org_id"), Environment.fromWire(r.string("environment")), r.string("id")));
    }
}
