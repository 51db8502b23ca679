package dev.keybridge.vault;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keybridge.web.Errors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    /** What a rotation or re-encryption did: the keyset's primary key and size, rows re-encrypted per column. */
    @Schema(name = "VaultReencryption")
    @JsonPropertyOrder({"primary_key_id", "keys", "reencrypted"})
    record Result(@JsonProperty("primary_key_id") String primaryKeyId, int keys,
                  @Schema(description = "Sealed column → rows re-encrypted.")
                  Map<String, Integer> reencrypted) {}

    private final Reencryption reencryption;
    private final Vault vault;

    VaultAdminController(Reencryption reencryption, Vault vault) {
        this.reencryption = reencryption;
        this.vault = vault;
    }

    @Operation(summary = "Rotate the master key",
            description = "Adds a new primary key to the master keyset and re-encrypts every sealed value with it (what "
                    + "`./keybridge rotate-master-key` calls). Admin token only.")
    @PostMapping("/admin/v1/vault/rotate")
    @ApiResponse(responseCode = "200", description = "OK",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409",
            ref = "#/components/responses/Conflict")
    Result rotate() {
        Map<String, Integer> counts;
        try {
            counts = reencryption.rotateAndReencrypt();
        } catch (IllegalStateException e) {
            throw new Errors.Conflict("rotation_refused", e.getMessage());
        }
        return result(counts);
    }

    @Operation(summary = "Re-encrypt with the current primary key",
            description = "Re-encrypts every sealed value with the keyset's primary key, after the keyset was changed "
                    + "through `KEYBRIDGE_MASTER_KEY`. Admin token only.")
    @PostMapping("/admin/v1/vault/reencrypt")
    Result reencrypt() {
        return result(reencryption.reencryptAll());
    }

    private Result result(Map<String, Integer> counts) {
        return new Result(Integer.toUnsignedString(vault.keyset().getPrimary().getId()), vault.keyset().size(), counts);
    }
}
