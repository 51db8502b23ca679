package dev.keybridge.account;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;

/** One user-defined field, stored and shown in the original system's shape. */
@JsonPropertyOrder({"key_name", "key_value", "_id", "createdAt", "updatedAt"})
public record UdfEntry(
        @JsonProperty("key_name") String keyName,
        @JsonProperty("key_value") JsonNode keyValue,
        @JsonProperty("_id") String id,
        @JsonProperty("createdAt") String createdAt,
        @JsonProperty("updatedAt") String updatedAt) {

    UdfEntry withValue(JsonNode value, String now) {
        return new UdfEntry(keyName, value, id, createdAt, now);
    }
}
