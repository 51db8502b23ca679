package dev.keybridge.tenancy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The platform admin API, present only when {@code KEYBRIDGE_ADMIN_TOKEN} is set (the security
 * configuration answers 404 for these paths otherwise).
 */
@RestController
@RequestMapping("/admin/v1/organizations")
class AdminController {

    record OrganizationView(@JsonProperty("_id") String id, String name, @JsonProperty("is_default") boolean isDefault,
                            @JsonProperty("created_at") String createdAt) {
        static OrganizationView of(Organization o) {
            return new OrganizationView(o.id(), o.name(), o.isDefault(), Timestamps.format(o.createdAt()));
        }
    }

    private final TenancyService tenancy;
    private final TenancyStore store;

    AdminController(TenancyService tenancy, TenancyStore store) {
        this.tenancy = tenancy;
        this.store = store;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody JsonNode body) {
        JsonFields fields = JsonFields.of(body, "name");
        String name = fields.requiredString("name", 200);
        TenancyService.CreatedOrganization created = tenancy.createOrganization(name, false);
        Map<String, Object> credentials = new LinkedHashMap<>();
        created.credentials().forEach((env, list) -> credentials.put(env.wire(), list));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("organization", OrganizationView.of(created.organization()));
        out.put("credentials", credentials);
        return out;
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(defaultValue = "50") int limit,
                             @RequestParam(required = false) String cursor) {
        if (limit < 1 || limit > 200) {
            throw Errors.invalid("limit must be between 1 and 200.");
        }
        List<Organization> page = store.listOrganizations(cursor, limit + 1);
        boolean more = page.size() > limit;
        List<OrganizationView> docs = page.stream().limit(limit).map(OrganizationView::of).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("docs", docs);
        out.put("hasNextPage", more);
        out.put("nextCursor", more ? docs.getLast().id() : null);
        return out;
    }

    @GetMapping("/{orgId}/credentials")
    Map<String, Object> credentials(@PathVariable String orgId) {
        return Map.of("docs", tenancy.credentials(orgId));
    }

    @PostMapping("/{orgId}/credentials")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedCredential issue(@PathVariable String orgId, @RequestBody JsonNode body) {
        JsonFields fields = JsonFields.of(body, "environment", "kind", "name");
        Environment env = fields.requiredEnum("environment", Environment::fromWire, "test or production");
        CredentialKind kind = fields.requiredEnum("kind", CredentialKind::fromWire, "api_key or client");
        String name = fields.optionalString("name", 200);
        return tenancy.issue(orgId, env, kind, name);
    }

    @DeleteMapping("/{orgId}/credentials/{credentialId}")
    Map<String, Object> revoke(@PathVariable String orgId, @PathVariable String credentialId) {
        tenancy.revoke(orgId, credentialId);
        return Map.of("success", true, "id", credentialId, "revoked", true);
    }
}
