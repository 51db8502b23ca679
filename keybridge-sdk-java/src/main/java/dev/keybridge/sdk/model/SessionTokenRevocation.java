package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to revoking session tokens. A revocation holds on every Keybridge node from the next request: a
 * revoked token is refused with 401 {@code session_token_revoked}.
 *
 * @param success         true
 * @param revoked         {@code token} (one token) or {@code all} (every token of a linked account issued so far)
 * @param linkedAccountId the linked account, when all of its tokens were revoked; else null
 */
public record SessionTokenRevocation(boolean success, String revoked,
                                     @JsonProperty("linked_account_id") String linkedAccountId) {

    /** Whether every token of a linked account was revoked (not just one). */
    public boolean isAll() {
        return "all".equals(revoked);
    }
}
