package dev.keybridge.idempotency;

import dev.keybridge.vault.Vault;

/** One key of one organization and environment: keys never cross either boundary. */
record Scope(String orgId, String environment, String key) {

    /** Associated data of the sealed body: a ciphertext copied to another key's row does not decrypt. */
    byte[] vaultContext() {
        return Vault.context("idempotency_key.response", orgId, environment, key);
    }
}
