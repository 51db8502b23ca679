package dev.keybridge.vault;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Master key rotation for the platform operator (admin token): {@code POST /admin/v1/vault/rotate}
 * adds a new primary key and re-encrypts everything; {@code POST /admin/v1/vault/reencrypt} only
 * re-encrypts (after the keyset was changed through {@code KEYBRIDGE_MASTER_KEY}).
 * {@code ./keybridge rotate-master-key} calls the first.
 */
@RestController
class VaultAdminController {

    private final Reencryption reencryption;
    private final Vault vault;

    VaultAdminController(Reencryption reencryption, Vault vault) {
        this.reencryption = reencryption;
        this.vault = vault;
    }

    @PostMapping("/admin/v1/vault/rotate")
    Map<String, Object> rotate() {
        Map<String, Integer> counts;
        try {
            counts = reencryption.rotateAndReencrypt();
        } catch (IllegalStateException e) {
            throw new dev.keybridge.web.Errors.Conflict("rotation_refused", e.getMessage());
        }
        return result(counts);
    }

    @PostMapping("/admin/v1/vault/reencrypt")
    Map<String, Object> reencrypt() {
        return result(reencryption.reencryptAll());
    }

    private Map<String, Object> result(Map<String, Integer> counts) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("primary_key_id", Integer.toUnsignedString(vault.keyset().getPrimary().getId()));
        out.put("keys", vault.keyset().size());
        out.put("reencrypted", counts);
        return out;
    }
}
