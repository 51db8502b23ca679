package dev.keybridge.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VaultTest {

    private static Vault vault;
    private static Vault otherKey;

    @BeforeAll
    static void keys() throws Exception {
        AeadConfig.register();
        vault = new Vault(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        otherKey = new Vault(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
    }

    @Test
    void doesRoundTripWithTheSameContext() {
        byte[] context = Vault.context("linked_account", "org1", "test", "acc1");
        byte[] sealed = vault.encrypt(bytes("top secret"), context);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("top secret");
        assertThat(vault.decrypt(sealed, context)).isEqualTo(bytes("top secret"));
    }

    @Test
    void doesRefuseACiphertextCopiedToAnotherRecordOrEnvironment() {
        byte[] sealed = vault.encrypt(bytes("top secret"), Vault.context("linked_account", "org1", "test", "acc1"));

        assertThatThrownBy(() -> vault.decrypt(sealed, Vault.context("linked_account", "org1", "test", "acc2")))
                .isInstanceOf(Vault.VaultException.class).hasMessageNotContaining("top secret");
        assertThatThrownBy(() -> vault.decrypt(sealed, Vault.context("linked_account", "org1", "production", "acc1")))
                .isInstanceOf(Vault.VaultException.class);
        assertThatThrownBy(() -> vault.decrypt(sealed, Vault.context("linked_account", "org2", "test", "acc1")))
                .isInstanceOf(Vault.VaultException.class);
    }

    @Test
    void doesRefuseAnotherMasterKey() {
        byte[] context = Vault.context("k", "a");
        byte[] sealed = vault.encrypt(bytes("x"), context);

        assertThatThrownBy(() -> otherKey.decrypt(sealed, context)).isInstanceOf(Vault.VaultException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
