package dev.keybridge.dashboard.overview;

import dev.keybridge.account.AccountService;
import dev.keybridge.connection.ConnectionCounts;
import dev.keybridge.dashboard.Console;
import dev.keybridge.dashboard.signin.Operator;
import dev.keybridge.events.EventLog;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.webhook.WebhookConsole;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The overview: accounts, connections by status and reason, webhook deliveries of 24 h, latest events. */
@Controller
class OverviewController {

    private final AccountService accounts;
    private final ConnectionCounts connections;
    private final WebhookConsole webhooks;
    private final EventLog events;

    OverviewController(AccountService accounts, ConnectionCounts connections, WebhookConsole webhooks, EventLog events) {
        this.accounts = accounts;
        this.connections = connections;
        this.webhooks = webhooks;
        this.events = events;
    }

    @GetMapping("/dashboard")
    String overview(@AuthenticationPrincipal Operator me, HttpSession session, Model model) {
        Caller caller = Console.caller(me, session);
        model.addAttribute("accounts", accounts.count(caller));
        model.addAttribute("groups", connections.byStatus(caller.orgId(), caller.environment()));
        Map<String, Long> deliveries = webhooks.countsSince(caller, Duration.ofHours(24));
        model.addAttribute("succeeded", deliveries.getOrDefault("succeeded", 0L));
        model.addAttribute("failed", deliveries.getOrDefault("failed", 0L));
        model.addAttribute("pending", deliveries.getOrDefault("pending", 0L));
        model.addAttribute("events", events.latest(caller.orgId(), caller.environment(), 10));
        return "dashboard/overview";
    }
}
