package dev.keybridge.tenancy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keybridge.web.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The wire shapes of the admin API. */
final class AdminResponses {

    private AdminResponses() {}

    @Schema(name = "AdminOrganization")
    @JsonPropertyOrder({"_id", "name", "is_default", "created_at"})
    public record OrganizationView(@JsonProperty("_id") String id, @Nullable String name,
                                   @JsonProperty("is_default") boolean isDefault,
                                   @JsonProperty("created_at") String createdAt) {
        static OrganizationView of(Organization o) {
            return new OrganizationView(o.id(), o.name(), o.isDefault(), Timestamps.format(o.createdAt()));
        }
    }

    /** A new organization with its first credentials per environment (secrets shown this once). */
    @Schema(name = "AdminOrganizationCreated")
    @JsonPropertyOrder({"organization", "credentials"})
    public record Created(OrganizationView organization,
                          @Schema(description = "Environment (test, production) → the credentials issued.")
                          Map<String, List<IssuedCredential>> credentials) {
        @Override
        public String toString() {
            return "Created[organization=" + organization + ", credentials=<secret>]";
        }
    }

    @Schema(name = "AdminOrganizationList")
    @JsonPropertyOrder({"docs", "hasNextPage", "nextCursor"})
    public record OrganizationList(List<OrganizationView> docs, boolean hasNextPage,
                                   @Nullable String nextCursor) {}

    @Schema(name = "AdminCredentialList")
    public record CredentialList(List<CredentialInfo> docs) {}

    @Schema(name = "AdminCredentialRevoked")
    @JsonPropertyOrder({"success", "id", "revoked"})
    public record Revoked(boolean success, String id, boolean revoked) {}
}
