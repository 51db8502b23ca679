package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The front-end settings of your environment: which web pages may call Keybridge with a session token.
 *
 * @param environment    {@code test} or {@code production}
 * @param allowedOrigins the origins allowed ({@code https://app.example.com}, lower-cased); empty: any origin
 */
public record FrontendSettings(String environment, @JsonProperty("allowed_origins") List<String> allowedOrigins) {

    /** Whether pages on any origin may call (no allow-list). */
    public boolean allowsAnyOrigin() {
        return allowedOrigins == null || allowedOrigins.isEmpty();
    }
}
