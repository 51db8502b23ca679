package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Your app's credentials stored against a linked account, as Keybridge shows them: the keys, each
 * value masked ({@code ********}).
 *
 * @param appId           your app's id
 * @param authCredentials the stored keys with masked values, or null when none are stored
 */
public record YourApp(@JsonProperty("app_id") String appId,
                      @JsonProperty("auth_credentials") Map<String, String> authCredentials) {}
