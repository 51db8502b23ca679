package dev.keybridge.frontdoor;

import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.ErrorAnswers;
import dev.keybridge.web.Idempotent;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code PUT /api/v2/public/migrate-token} (wire-formats §2): credential import, see {@link CredentialImport}. */
@RestController
class MigrateTokenController {

    private final CredentialImport imports;

    MigrateTokenController(CredentialImport imports) {
        this.imports = imports;
    }

    /** Body: {@code {linked_account_id, slug, auth_object}}. */
    @Operation(summary = "Import a credential",
            description = "Server credentials: stores a credential obtained elsewhere (`auth_object`) as the linked "
                    + "account's connection to the app.")
    @ErrorAnswers(404)
    @PutMapping("/api/v2/public/migrate-token")
    @Idempotent
    FrontdoorResponses.Imported migrate(@AuthenticationPrincipal Caller caller, @RequestBody MigrateTokenRequest body,
                                @RequestHeader(name = "linked_account_id", required = false) String account) {
        return imports.run(caller, body, account);
    }
}
