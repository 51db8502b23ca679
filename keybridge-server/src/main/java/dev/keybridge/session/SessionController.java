package dev.keybridge.session;

import dev.keybridge.account.AccountService;
import dev.keybridge.account.AccountView;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Organization;
import dev.keybridge.tenancy.TenancyService;
import dev.keybridge.web.ErrorAnswers;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Idempotent;
import dev.keybridge.web.Timestamps;
import io.swagger.v3.oas.annotations.Operation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Session tokens for the front end, and the first call a front end makes with one. */
@RestController
class SessionController {

    private final SessionTokens tokens;
    private final AccountService accounts;
    private final TenancyService tenancy;
    private final AppSettings apps;

    SessionController(SessionTokens tokens, AccountService accounts, TenancyService tenancy, AppSettings apps) {
        this.apps = apps;
        this.tokens = tokens;
        this.accounts = accounts;
        this.tenancy = tenancy;
    }

    /** Body: {@code linked_account_id}, optional {@code apps} (slugs the token is limited to). */
    @Operation(summary = "Issue a session token",
            description = "Server credentials: a session token (JWT) for one linked account, for the browser SDK; `apps` "
                    + "limits it to those apps.")
    @ErrorAnswers(404)
    @PostMapping("/api/v2/public/session-token")
    @Idempotent
    SessionResponses.Issued create(@AuthenticationPrincipal Caller caller, @RequestBody SessionTokenRequest body) {
        String id = body.linkedAccountId();
        Set<String> scope = scope(caller, body.apps());
        LinkedAccount account = accounts.get(caller, id); // 404 for an unknown linked account
        SessionTokens.Issued issued = tokens.issue(caller.orgId(), caller.environment(), id, account.id(), scope);
        return new SessionResponses.Issued(issued.token(), issued.tokenId(), Timestamps.format(issued.expiresAt()),
                scope == null ? null : List.copyOf(new TreeSet<>(scope)));
    }

    /**
     * Body: {@code token} (revokes that one token) or {@code linked_account_id} (revokes every token
     * of that linked account issued so far). Holds on every node from the next request.
     */
    @Operation(summary = "Revoke session tokens",
            description = "Server credentials: revokes one token (`token`) or every token of a linked account issued so "
                    + "far (`linked_account_id`); holds on every node from the next request.")
    @ErrorAnswers(404)
    @PostMapping("/api/v2/public/session-token/revoke")
    SessionResponses.Revoked revoke(@AuthenticationPrincipal Caller caller, @RequestBody RevokeRequest body) {
        if (body.token() != null) {
            tokens.revoke(caller, body.token().strip());
            return new SessionResponses.Revoked(true, "token", null);
        }
        tokens.revokeAll(caller.orgId(), accounts.get(caller, body.linkedAccountId()).id());
        return new SessionResponses.Revoked(true, "all", body.linkedAccountId());
    }

    /** The apps of the request, each enabled in this environment (null items were not strings). */
    private Set<String> scope(Caller caller, List<String> list) {
        if (list == null) {
            return null;
        }
        Set<String> enabled = new HashSet<>();
        apps.enabled(caller.orgId(), caller.environment()).forEach(a -> enabled.add(a.slug()));
        Set<String> out = new HashSet<>();
        for (String item : list) {
            if (item == null || !enabled.contains(item)) {
                throw Errors.invalid("'apps' holds " + (item != null ? "'" + item + "', which is not an app "
                        + "enabled in this environment." : "a value that is not a string."));
            }
            out.add(item);
        }
        return out;
    }

    @Operation(summary = "Get the basics for a session",
            description = "Session token: the organization, environment and linked account of the token, the first call a "
                    + "front end makes.")
    @GetMapping("/api/v3/org/basics")
    SessionResponses.Basics basics(@AuthenticationPrincipal Caller caller) {
        Organization org = tenancy.requireOrganization(caller.orgId());
        AccountView account = AccountView.of(accounts.get(caller, caller.linkedAccountId()));
        return new SessionResponses.Basics(new SessionResponses.Org(org.id(), org.name()), caller.environment().wire(),
                account);
    }
}
