package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to deleting a linked account.
 *
 * @param success   true
 * @param id        Keybridge's id of the deleted account
 * @param accountId your id of it
 */
public record DeletedLinkedAccount(boolean success, @JsonProperty("_id") String id,
                                   @JsonProperty("account_id") String accountId) {}
