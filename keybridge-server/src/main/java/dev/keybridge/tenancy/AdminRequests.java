package dev.keybridge.tenancy;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** The bodies of the admin API. */
final class AdminRequests {

    private AdminRequests() {}

    @Schema(name = "AdminOrganizationCreate")
    public record CreateOrganization(@Size(max = 200) @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name)
            implements JsonRequest {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static CreateOrganization from(JsonNode body) {
            return new CreateOrganization(JsonFields.body(body, CreateOrganization.class).requiredString("name"));
        }
    }

    @Schema(name = "AdminCredentialIssue")
    public record IssueCredential(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "string", allowableValues = {"test", "production"})
            Environment environment,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "string", allowableValues = {"api_key", "client"})
            CredentialKind kind,
            @Size(max = 200) String name) implements JsonRequest {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static IssueCredential from(JsonNode body) {
            JsonFields fields = JsonFields.body(body, IssueCredential.class);
            Environment env = fields.requiredEnum("environment", Environment::fromWire, "test or production");
            CredentialKind kind = fields.requiredEnum("kind", CredentialKind::fromWire, "api_key or client");
            return new IssueCredential(env, kind, fields.optionalString("name"));
        }
    }
}
