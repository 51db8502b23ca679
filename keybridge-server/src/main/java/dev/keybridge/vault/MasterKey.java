package dev.keybridge.vault;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.config.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the master keyset: {@code KEYBRIDGE_MASTER_KEY} (a Tink JSON keyset, plain or base64), or
 * {@code <data dir>/master-keyset.json}, generated with mode 0600 on first start.
 */
@Configuration(proxyBeanMethods = false)
public class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    static final String FILE = "master-keyset.json";

    @Bean
    Vault vault(KeybridgeSettings settings) {
        return new Vault(load(settings));
    }

    static KeysetHandle load(KeybridgeSettings settings) {
        try {
            AeadConfig.register();
            if (settings.masterKey() != null && !settings.masterKey().isBlank()) {
                return parse(settings.masterKey().trim());
            }
            Path file = settings.dataDir().toAbsolutePath().normalize().resolve(FILE);
            if (Files.exists(file)) {
                return parse(Files.readString(file));
            }
            KeysetHandle generated = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            SecretFiles.writePrivate(file, TinkJsonProtoKeysetFormat.serializeKeyset(generated, InsecureSecretKeyAccess.get()));
            log.info("Generated a new master keyset in {} (set KEYBRIDGE_MASTER_KEY to share one between nodes)", file);
            return generated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("KEYBRIDGE_MASTER_KEY (or the keyset file) is not a valid Tink AEAD keyset");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the master keyset", e);
        }
    }

    /**
     * The master keyset this node would use ({@code KEYBRIDGE_MASTER_KEY}, else the data directory's
     * file), without generating one when there is none (backup and restore read it; only the server makes one).
     */
    public static Optional<KeysetHandle> existing(KeybridgeSettings settings) {
        try {
            AeadConfig.register();
            if (settings.masterKey() != null && !settings.masterKey().isBlank()) {
                return Optional.of(parse(settings.masterKey().trim()));
            }
            Path file = keysetFile(settings.dataDir());
            return Files.exists(file) ? Optional.of(parse(Files.readString(file))) : Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("KEYBRIDGE_MASTER_KEY (or the keyset file) is not a valid Tink AEAD keyset");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the master keyset", e);
        }
    }

    /** A keyset as Tink JSON (secret: for a backup archive that is asked to hold the key). */
    public static String toJson(KeysetHandle keyset) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The master keyset cannot be written: " + e.getClass().getSimpleName());
        }
    }

    /** A keyset from Tink JSON (plain or base64), as {@code KEYBRIDGE_MASTER_KEY} takes it. */
    public static KeysetHandle fromJson(String text) {
        try {
            AeadConfig.register();
            return parse(text.trim());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Not a valid Tink AEAD keyset");
        }
    }

    /** Where the data directory keeps its keyset file. */
    public static Path keysetFile(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve(FILE);
    }

    /**
     * Adds a new AES-256-GCM key to the keyset file and makes it primary; older keys stay so old
     * ciphertexts still decrypt. Refused when the keyset comes from {@code KEYBRIDGE_MASTER_KEY}:
     * then the operator sets a new keyset there (old keys kept) and calls re-encrypt.
     */
    public static KeysetHandle rotate(KeybridgeSettings settings, Vault vault) {
        if (settings.masterKey() != null && !settings.masterKey().isBlank()) {
            throw new IllegalStateException("The master key comes from KEYBRIDGE_MASTER_KEY: add a new primary key to "
                    + "that keyset (keeping the old ones), restart, then re-encrypt.");
        }
        try {
            KeysetHandle next = KeysetHandle.newBuilder(vault.keyset())
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
            Path file = settings.dataDir().toAbsolutePath().normalize().resolve(FILE);
            SecretFiles.writePrivate(file, TinkJsonProtoKeysetFormat.serializeKeyset(next, InsecureSecretKeyAccess.get()));
            vault.use(next);
            log.info("Master keyset rotated: new primary key id {} ({} keys)", next.getPrimary().getId(), next.size());
            return next;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not add a key to the master keyset: " + e.getClass().getSimpleName());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the master keyset", e);
        }
    }

    private static KeysetHandle parse(String text) throws GeneralSecurityException {
        String json = text.startsWith("{") ? text
                : new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    }
}
