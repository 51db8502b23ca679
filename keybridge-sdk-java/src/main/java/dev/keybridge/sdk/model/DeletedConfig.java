package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to deleting a configuration.
 *
 * @param success         true
 * @param deleted         true
 * @param id              Keybridge's id of the deleted config ({@code _id})
 * @param configId        its config id
 * @param slug            the app
 * @param linkedAccountId your id of the linked account
 */
public record DeletedConfig(
        boolean success,
        boolean deleted,
        @JsonProperty("_id") String id,
        @JsonProperty("config_id") String configId,
        String slug,
        @JsonProperty("linked_account_id") String linkedAccountId) {}
