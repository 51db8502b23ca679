package dev.keybridge.session;

import dev.keybridge.account.AccountService;
import dev.keybridge.account.AccountView;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.web.Errors;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Organization;
import dev.keybridge.tenancy.TenancyService;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Session tokens for the front end, and the first call a front end makes with one. */
@RestController
class SessionController {

    private final SessionTokens tokens;
    private final AccountService accounts;
    private final TenancyService tenancy;
    private final KeybridgeSettings.Limits limits;
    private final AppSettings apps;

    SessionController(SessionTokens tokens, AccountService accounts, TenancyService tenancy, KeybridgeSettings settings,
                      AppSettings apps) {
        this.apps = apps;
        this.tokens = tokens;
        this.accounts = accounts;
        this.tenancy = tenancy;
        this.limits = settings.limits();
    }

    /** Body: {@code linked_account_id}, optional {@code apps} (slugs the token is limited to). */
    @PostMapping("/api/v2/public/session-token")
    Map<String, Object> create(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        JsonFields f = JsonFields.of(body, "linked_account_id", "apps");
        String id = f.requiredString("linked_account_id", limits.maxIdLength());
        Set<String> scope = scope(caller, f);
        LinkedAccount account = accounts.get(caller, id); // 404 for an unknown linked account
        SessionTokens.Issued issued = tokens.issue(caller.orgId(), caller.environment(), id, account.id(), scope);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", issued.token());
        out.put("token_id", issued.tokenId());
        out.put("expires_at", Timestamps.format(issued.expiresAt()));
        out.put("apps", scope == null ? null : List.copyOf(new TreeSet<>(scope)));
        return out;
    }

    /**
     * Body: {@code token} (revokes that one token) or {@code linked_account_id} (revokes every token
     * of that linked account issued so far). Holds on every node from the next request.
     */
    @PostMapping("/api/v2/public/session-token/revoke")
    Map<String, Object> revoke(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        JsonFields f = JsonFields.of(body, "token", "linked_account_id");
        String token = f.optionalString("token", 8192);
        String id = f.optionalString("linked_account_id", limits.maxIdLength());
        if ((token == null) == (id == null)) {
            throw Errors.invalid("Send either 'token' (one token) or 'linked_account_id' (all of its tokens).");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        if (token != null) {
            tokens.revoke(caller, token.strip());
            out.put("revoked", "token");
        } else {
            tokens.revokeAll(accounts.get(caller, id).id());
            out.put("revoked", "all");
            out.put("linked_account_id", id);
        }
        return out;
    }

    private Set<String> scope(Caller caller, JsonFields f) {
        if (!f.has("apps") || f.isNull("apps")) {
            return null;
        }
        JsonNode list = f.raw("apps");
        if (!list.isArray() || list.isEmpty() || list.size() > 100) {
            throw Errors.invalid("'apps' must be a non-empty array of app slugs (at most 100), or absent for every app.");
        }
        Set<String> enabled = new HashSet<>();
        apps.enabled(caller.orgId(), caller.environment()).forEach(a -> enabled.add(a.slug()));
        Set<String> out = new HashSet<>();
        for (JsonNode item : list) {
            if (!item.isString() || !enabled.contains(item.asString())) {
                throw Errors.invalid("'apps' holds " + (item.isString() ? "'" + item.asString() + "', which is not an app "
                        + "enabled in this environment." : "a value that is not a string."));
            }
            out.add(item.asString());
        }
        return out;
    }

    @GetMapping("/api/v3/org/basics")
    Map<String, Object> basics(@AuthenticationPrincipal Caller caller) {
        Organization org = tenancy.requireOrganization(caller.orgId());
        AccountView account = AccountView.of(accounts.get(caller, caller.linkedAccountId()));
        Map<String, Object> orgView = new LinkedHashMap<>();
        orgView.put("_id", org.id());
        orgView.put("name", org.name());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("org", orgView);
        out.put("environment", caller.environment().wire());
        out.put("linked_account", account);
        return out;
    }
}
