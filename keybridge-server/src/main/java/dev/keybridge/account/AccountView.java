package dev.keybridge.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keybridge.events.EventData;
import dev.keybridge.web.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A linked account as the wire shows it (seed 000); secrets masked. */
@Schema(name = "LinkedAccount")
@JsonPropertyOrder({"_id", "associated_org", "account_id", "environment", "name", "udf", "your_app", "createdAt",
        "updatedAt", "__v"})
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record AccountView(
        @JsonProperty("_id") String id,
        @JsonProperty("associated_org") String associatedOrg,
        @JsonProperty("account_id") String accountId,
        String environment,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String name,
        List<UdfEntry> udf,
        @JsonProperty("your_app") @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(implementation = YourAppShown.class, description = "Absent when none is stored.")
        Map<String, Object> yourApp,
        String createdAt,
        String updatedAt,
        @JsonProperty("__v") int version) implements EventData.LinkedAccountData {

    static final String MASK = "********";

    /** {@code your_app} as answers show it (the dashboard reads the map by these keys). */
    @Schema(name = "LinkedAccountYourAppShown")
    record YourAppShown(
            @JsonProperty("app_id") String appId,
            @JsonProperty("auth_credentials")
            @Schema(description = "The keys sent, each with the value \"********\"; absent when none were sent.")
            Map<String, String> authCredentials) {}

    public static AccountView of(LinkedAccount a) {
        return new AccountView(a.id(), a.orgId(), a.externalId(), a.environment().wire(), a.name(), a.udf(),
                yourApp(a.yourApp()), Timestamps.format(a.createdAt()), Timestamps.format(a.updatedAt()), a.version());
    }

    private static Map<String, Object> yourApp(LinkedAccount.YourApp app) {
        if (app == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("app_id", app.appId());
        if (app.credentialKeys() != null) {
            Map<String, String> masked = new LinkedHashMap<>();
            app.credentialKeys().forEach(k -> masked.put(k, MASK));
            out.put("auth_credentials", masked);
        }
        return out;
    }
}
