package dev.keybridge.repair;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v2/public/reconnect-links}: the connection ({@code connection_id}, or {@code linked_account_id}
 * and {@code app}), the link's lifetime in seconds, and where to e-mail it.
 */
@Schema(name = "ReconnectLinkCreate")
public record ReconnectLinkRequest(
        @JsonProperty("connection_id") @Size(max = 64) @Nullable String connectionId,
        @JsonProperty("linked_account_id") @Size(max = 256) @Nullable String linkedAccountId,
        @Size(max = 64) @Schema(description = "With `linked_account_id`: the app of its connection.") @Nullable String app,
        @JsonProperty("expires_in") @Schema(description = "Seconds the link works: 600 to 604800 (7 days); default 86400.",
                example = "259200") @Nullable Integer expiresIn,
        @Size(max = 254) @Schema(description = "E-mail the link to this address (needs KEYBRIDGE_SMTP_HOST).")
        @Nullable String email,
        @Size(max = 5) @Schema(description = "Link's and the e-mail's language (en, de, es, fr, ja); default: the "
                + "browser's, English for the e-mail.") @Nullable String language) implements JsonRequest {

    static final int DEFAULT_EXPIRES_IN = 86_400;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ReconnectLinkRequest from(JsonNode body) {
        JsonFields f = JsonFields.body(body, ReconnectLinkRequest.class);
        JsonNode seconds = f.raw("expires_in");
        Integer expiresIn = null;
        if (seconds != null && !seconds.isNull()) {
            if (!seconds.isIntegralNumber() || !seconds.canConvertToInt()) {
                throw Errors.invalid("'expires_in' must be a whole number of seconds from 600 to 604800.");
            }
            expiresIn = seconds.asInt();
        }
        ReconnectLinkRequest r = new ReconnectLinkRequest(f.optionalString("connection_id"),
                f.optionalString("linked_account_id"), f.optionalString("app"), expiresIn, f.optionalString("email"),
                f.optionalString("language"));
        if ((r.connectionId() == null) == (r.linkedAccountId() == null || r.app() == null)) {
            throw Errors.invalid("Name the connection: 'connection_id', or 'linked_account_id' and 'app'.");
        }
        return r;
    }

    Duration lifetime() {
        return Duration.ofSeconds(expiresIn == null ? DEFAULT_EXPIRES_IN : expiresIn);
    }

    @Override
    public String toString() {
        return "ReconnectLinkRequest[connection=" + connectionId + ", account=" + linkedAccountId + ", app=" + app + "]";
    }
}
