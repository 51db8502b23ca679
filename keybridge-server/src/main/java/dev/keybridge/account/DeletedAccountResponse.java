package dev.keybridge.account;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of {@code DELETE /linked-account/{id}}: ours plus the original system's {@code message}. */
@Schema(name = "LinkedAccountDeleted")
@JsonPropertyOrder({"success", "_id", "account_id", "message"})
public record DeletedAccountResponse(
        boolean success,
        @JsonProperty("_id") String id,
        @JsonProperty("account_id") String accountId,
        @Schema(example = "User deleted successfully") String message) {

    static DeletedAccountResponse of(LinkedAccount gone) {
        return new DeletedAccountResponse(true, gone.id(), gone.externalId(), "User deleted successfully");
    }
}
