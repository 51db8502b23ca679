package dev.keybridge.tenancy;

import dev.keybridge.web.Errors;
import io.swagger.v3.oas.annotations.Operation;
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

/**
 * The platform admin API, present only when {@code KEYBRIDGE_ADMIN_TOKEN} is set (the security
 * configuration answers 404 for these paths otherwise).
 */
@RestController
@RequestMapping("/admin/v1/organizations")
class AdminController {

    private final TenancyService tenancy;
    private final TenancyStore store;

    AdminController(TenancyService tenancy, TenancyStore store) {
        this.tenancy = tenancy;
        this.store = store;
    }

    @Operation(summary = "Create an organization",
            description = "Creates an organization with its test and live environments and answers their first credentials "
                    + "(shown once). Admin token only.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AdminResponses.Created create(@RequestBody AdminRequests.CreateOrganization body) {
        TenancyService.CreatedOrganization created = tenancy.createOrganization(body.name(), false);
        Map<String, List<IssuedCredential>> credentials = new LinkedHashMap<>();
        created.credentials().forEach((env, list) -> credentials.put(env.wire(), list));
        return new AdminResponses.Created(AdminResponses.OrganizationView.of(created.organization()), credentials);
    }

    @Operation(summary = "List organizations",
            description = "Organizations, a page at a time: `limit` (1–200, default 50) and the `cursor` of the previous "
                    + "page. Admin token only.")
    @GetMapping
    AdminResponses.OrganizationList list(@RequestParam(defaultValue = "50") int limit,
                             @RequestParam(required = false) String cursor) {
        if (limit < 1 || limit > 200) {
            throw Errors.invalid("limit must be between 1 and 200.");
        }
        List<Organization> page = store.listOrganizations(cursor, limit + 1);
        boolean more = page.size() > limit;
        List<AdminResponses.OrganizationView> docs = page.stream().limit(limit)
                .map(AdminResponses.OrganizationView::of).toList();
        return new AdminResponses.OrganizationList(docs, more, more ? docs.getLast().id() : null);
    }

    @Operation(summary = "List an organization's credentials",
            description = "The credentials of the organization, without their secrets. Admin token only.")
    @GetMapping("/{orgId}/credentials")
    AdminResponses.CredentialList credentials(@PathVariable String orgId) {
        return new AdminResponses.CredentialList(tenancy.credentials(orgId));
    }

    @Operation(summary = "Issue a credential",
            description = "Issues a credential of the given kind for one environment of the organization; its secret is "
                    + "shown only in this answer. Admin token only.")
    @PostMapping("/{orgId}/credentials")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedCredential issue(@PathVariable String orgId, @RequestBody AdminRequests.IssueCredential body) {
        return tenancy.issue(orgId, body.environment(), body.kind(), body.name());
    }

    @Operation(summary = "Revoke a credential",
            description = "Revokes the credential: it is refused from the next request on. Admin token only.")
    @DeleteMapping("/{orgId}/credentials/{credentialId}")
    AdminResponses.Revoked revoke(@PathVariable String orgId, @PathVariable String credentialId) {
        tenancy.revoke(orgId, credentialId);
        return new AdminResponses.Revoked(true, credentialId, true);
    }
}
