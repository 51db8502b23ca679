package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One user-defined field of a linked account.
 *
 * @param keyName   the key
 * @param keyValue  a String, Number or Boolean
 * @param id        its id ({@code _id}), kept across changes of the value
 * @param createdAt when the key was first set
 * @param updatedAt when its value last changed
 */
public record UdfEntry(
        @JsonProperty("key_name") String keyName,
        @JsonProperty("key_value") Object keyValue,
        @JsonProperty("_id") String id,
        Instant createdAt,
        Instant updatedAt) {}
