package dev.keybridge.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Encrypts secrets at rest with Tink AEAD (AES-256-GCM). Every ciphertext is bound to the record
 * it belongs to through associated data, so a ciphertext copied to another row does not decrypt.
 */
public class Vault {

    private final Aead aead;

    public Vault(KeysetHandle keyset) {
        try {
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The master keyset cannot encrypt: " + e.getClass().getSimpleName());
        }
    }

    /** Associated data naming what a ciphertext belongs to, e.g. {@code linked_account|org|test|id}. */
    public static byte[] context(String kind, String... parts) {
        return (kind + "|" + String.join("|", parts)).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] encrypt(byte[] plaintext, byte[] context) {
        try {
            return aead.encrypt(plaintext, context);
        } catch (GeneralSecurityException e) {
            throw new VaultException("encryption failed");
        }
    }

    public byte[] decrypt(byte[] ciphertext, byte[] context) {
        try {
            return aead.decrypt(ciphertext, context);
        } catch (GeneralSecurityException e) {
            throw new VaultException("a stored secret does not decrypt with the master key for its record");
        }
    }

    /** Never carries key material or plaintext. */
    public static final class VaultException extends RuntimeException {
        VaultException(String message) {
            super(message, null, false, false);
        }
    }
}
