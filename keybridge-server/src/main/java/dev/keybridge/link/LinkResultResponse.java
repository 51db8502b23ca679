package dev.keybridge.link;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

/** {@code GET /link/result}: where a Link session is, for {@code link.js}; absent members are left out. */
@Schema(name = "LinkResult")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"status", "public_token", "step", "closed", "error", "metadata"})
public record LinkResultResponse(
        @Schema(allowableValues = {"success", "done", "exit", "error", "pending"}) String status,
        @JsonProperty("public_token") @Schema(description = "On success, when Link was not in update mode.")
        String publicToken,
        @Schema(description = "While pending: the step the end user is on.") String step,
        @Schema(description = "While pending: the Link window was closed without finishing.") Boolean closed,
        Failure error,
        @Schema(implementation = Object.class, description = "Link's metadata (session, app, status).")
        LinkMetadata metadata) {

    @Override
    public String toString() {
        return "LinkResultResponse[status=" + status + ", publicToken=" + (publicToken == null ? "null" : "<secret>")
                + ", step=" + step + "]";
    }

    /** Why it failed. */
    @Schema(name = "LinkResultError")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"error_code", "error_message"})
    public record Failure(@JsonProperty("error_code") String errorCode,
                          @JsonProperty("error_message") String errorMessage) {}
}
