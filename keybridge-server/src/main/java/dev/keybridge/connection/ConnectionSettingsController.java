package dev.keybridge.connection;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.tenancy.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The environment's connection settings: how long before a known end {@code connection.pending_expiration} goes out. */
@RestController
class ConnectionSettingsController {

    @Schema(name = "ConnectionSettings")
    record SettingsView(@JsonProperty("expiry_warning_lead_days") @Schema(example = "7") long expiryWarningLeadDays) {}

    private final ConnectionExpiry expiry;

    ConnectionSettingsController(ConnectionExpiry expiry) {
        this.expiry = expiry;
    }

    @Operation(summary = "Get the connection settings",
            description = "Server credentials: how many days before a connection's known end (a refresh token's lifetime, "
                    + "an expiring password) `connection.pending_expiration` is sent in this environment.")
    @GetMapping("/api/v2/public/connections/settings")
    SettingsView settings(@AuthenticationPrincipal Caller caller) {
        return new SettingsView(expiry.lead(caller.orgId(), caller.environment()).toDays());
    }

    @Operation(summary = "Set the connection settings",
            description = "Server credentials: sets the environment's warning lead time (1 to 90 days). Horizons already "
                    + "warned of are not warned of again.")
    @PutMapping("/api/v2/public/connections/settings")
    SettingsView putSettings(@AuthenticationPrincipal Caller caller, @RequestBody ConnectionSettingsRequest body) {
        expiry.putLead(caller.orgId(), caller.environment(), body.expiryWarningLeadDays());
        return new SettingsView(body.expiryWarningLeadDays());
    }
}
