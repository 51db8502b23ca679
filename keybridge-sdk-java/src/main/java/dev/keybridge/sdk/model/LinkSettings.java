package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Link's settings in your environment.
 *
 * @param redirectUris   where Link may send the browser at the end
 * @param allowedOrigins pages that may embed Link (scheme://host[:port])
 */
public record LinkSettings(@JsonProperty("redirect_uris") List<String> redirectUris,
                           @JsonProperty("allowed_origins") List<String> allowedOrigins) {}
