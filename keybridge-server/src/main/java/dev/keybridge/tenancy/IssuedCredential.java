package dev.keybridge.tenancy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A credential as shown once at creation, secret included. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IssuedCredential(
        String id,
        String environment,
        String kind,
        @JsonProperty("api_key") String apiKey,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret) {

    @Override
    public String toString() {
        return "IssuedCredential[id=" + id + ", environment=" + environment + ", kind=" + kind + ", secrets=<hidden>]";
    }
}
