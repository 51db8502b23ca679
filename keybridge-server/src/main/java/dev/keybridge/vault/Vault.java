package dev.keybridge.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts secrets at rest with Tink AEAD (AES-256-GCM). Every ciphertext is bound to the record
 * it belongs to through associated data, so a ciphertext copied to another row does not decrypt.
 */
public class Vault {

    /** The keyset and its primitive, swapped together when the master key rotates. */
    private record Keys(KeysetHandle keyset, Aead aead) {}

    @SuppressWarnings("NullAway.Init")   // set by use(keyset), which the constructor calls
    private volatile Keys keys;

    public Vault(KeysetHandle keyset) {
        use(keyset);
    }

    /** Starts using {@code keyset}: its primary key encrypts, every key in it decrypts. */
    public void use(KeysetHandle keyset) {
        try {
            this.keys = new Keys(keyset, keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The master keyset cannot encrypt: " + e.getClass().getSimpleName());
        }
    }

    public KeysetHandle keyset() {
        return keys.keyset();
    }

    /** Whether a ciphertext was made with the current primary key (Tink prefix: 0x01 + 4-byte key id). */
    public boolean isPrimary(byte @Nullable [] ciphertext) {
        if (ciphertext == null || ciphertext.length < 5 || ciphertext[0] != 1) {
            return false;
        }
        int id = ((ciphertext[1] & 0xff) << 24) | ((ciphertext[2] & 0xff) << 16) | ((ciphertext[3] & 0xff) << 8)
                | (ciphertext[4] & 0xff);
        return id == keys.keyset().getPrimary().getId();
    }

    /** Associated data naming what a ciphertext belongs to, e.g. {@code linked_account|org|test|id}. */
    public static byte[] context(String kind, String... parts) {
        return (kind + "|" + String.join("|", parts)).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] encrypt(byte[] plaintext, byte[] context) {
        try {
            return keys.aead().encrypt(plaintext, context);
        } catch (GeneralSecurityException e) {
            throw new VaultException("encryption failed");
        }
    }

    public byte[] decrypt(byte[] ciphertext, byte[] context) {
        try {
            return keys.aead().decrypt(ciphertext, context);
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
