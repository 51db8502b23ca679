package dev.keybridge.session;

import dev.keybridge.account.AccountService;
import dev.keybridge.account.AccountView;
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

    SessionController(SessionTokens tokens, AccountService accounts, TenancyService tenancy, KeybridgeSettings settings) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.tenancy = tenancy;
        this.limits = settings.limits();
    }

    @PostMapping("/api/v2/public/session-token")
    Map<String, Object> create(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        String id = JsonFields.of(body, "linked_account_id").requiredString("linked_account_id", limits.maxIdLength());
        accounts.get(caller, id); // 404 for an unknown linked account
        SessionTokens.Issued issued = tokens.issue(caller.orgId(), caller.environment(), id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", issued.token());
        out.put("expires_at", Timestamps.format(issued.expiresAt()));
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
