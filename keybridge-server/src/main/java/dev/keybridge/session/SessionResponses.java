package dev.keybridge.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keybridge.account.AccountView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The answers of the session-token calls and of {@code /api/v3/org/basics}. */
final class SessionResponses {

    private SessionResponses() {}

    @Schema(name = "SessionToken")
    @JsonPropertyOrder({"token", "token_id", "expires_at", "apps"})
    public record Issued(
            @Schema(description = "The session token (an HS256 JWT) for the browser SDK.") String token,
            @JsonProperty("token_id") String tokenId,
            @JsonProperty("expires_at") String expiresAt,
            @Schema(description = "The apps it is limited to (sorted); null: every app.")
            @Nullable List<String> apps) {

        @Override
        public String toString() {
            return "Issued[tokenId=" + tokenId + ", token=<secret>, expiresAt=" + expiresAt + "]";
        }
    }

    @Schema(name = "SessionTokenRevoked")
    @JsonPropertyOrder({"success", "revoked", "linked_account_id"})
    public record Revoked(
            boolean success,
            @Schema(allowableValues = {"token", "all"}) String revoked,
            @JsonProperty("linked_account_id") @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "When every token of a linked account was revoked.") String linkedAccountId) {}

    @Schema(name = "OrgBasics")
    @JsonPropertyOrder({"org", "environment", "linked_account"})
    public record Basics(Org org, String environment, @JsonProperty("linked_account") AccountView linkedAccount) {}

    @Schema(name = "OrgBasicsOrg")
    @JsonPropertyOrder({"_id", "name"})
    public record Org(@JsonProperty("_id") String id, String name) {}
}
