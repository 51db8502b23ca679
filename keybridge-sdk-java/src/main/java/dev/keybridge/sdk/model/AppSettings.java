package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An app's settings in your environment: whether it is enabled and, for an OAuth2 app, your OAuth
 * client. The client secret is never returned, only whether one is set.
 *
 * @param slug            the app
 * @param enabled         whether Link offers it
 * @param clientId        your OAuth client id, or null
 * @param clientSecretSet whether a client secret is stored
 */
public record AppSettings(String slug, boolean enabled, @JsonProperty("client_id") String clientId,
                          @JsonProperty("client_secret_set") boolean clientSecretSet) {}
