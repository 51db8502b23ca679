package dev.keybridge.dashboard.accounts;

import dev.keybridge.account.AccountService;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.catalog.PublicUrl;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.Connections;
import dev.keybridge.connection.Disconnector;
import dev.keybridge.dashboard.Console;
import dev.keybridge.dashboard.signin.Operator;
import dev.keybridge.link.LinkTokens;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Timestamps;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What an operator does to one connection of an account: disconnect it (revoking at the provider
 * where possible) or make a reconnect link (update mode) whose hosted Link address goes to the end user.
 */
@Controller
class ConnectionActions {

    private final AccountService accounts;
    private final Connections connections;
    private final Disconnector disconnector;
    private final LinkTokens links;
    private final PublicUrl publicUrl;

    ConnectionActions(AccountService accounts, Connections connections, Disconnector disconnector, LinkTokens links,
                      PublicUrl publicUrl) {
        this.accounts = accounts;
        this.connections = connections;
        this.disconnector = disconnector;
        this.links = links;
        this.publicUrl = publicUrl;
    }

    @PostMapping("/dashboard/accounts/disconnect")
    String disconnect(@AuthenticationPrincipal Operator me, HttpSession session, @RequestParam("id") String id,
                      @RequestParam("connection") String connectionId, RedirectAttributes flash) {
        Caller caller = Console.caller(me, session);
        Connection c = connectionOf(caller, id, connectionId);
        Disconnector.Result r = disconnector.disconnect(c);
        flash.addFlashAttribute("notice", "Connection " + c.id() + " was disconnected"
                + (r.revoked() ? " and revoked at the provider." : "."));
        return "redirect:/dashboard/accounts/view?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    @PostMapping("/dashboard/accounts/reconnect")
    String reconnect(@AuthenticationPrincipal Operator me, HttpSession session, @RequestParam("id") String id,
                     @RequestParam("connection") String connectionId, Model model) {
        Caller caller = Console.caller(me, session);
        Connection c = connectionOf(caller, id, connectionId);
        LinkTokens.CreatedToken t = links.reconnect(caller, c.id());
        model.addAttribute("accountId", id);
        model.addAttribute("connection", c);
        model.addAttribute("link", publicUrl.get() + "/link?token=" + t.token());
        model.addAttribute("expires", Timestamps.format(t.expiration()));
        return "dashboard/accounts/reconnect";
    }

    private Connection connectionOf(Caller caller, String accountId, String connectionId) {
        LinkedAccount account = accounts.get(caller, accountId);
        return connections.find(caller.orgId(), caller.environment(), connectionId)
                .filter(x -> x.linkedAccountId().equals(account.id()) && x.status() != Connection.Status.DISCONNECTED)
                .orElseThrow(() -> Errors.notFound("connection", connectionId));
    }
}
