package dev.keybridge.dashboard.repair;

import dev.keybridge.dashboard.Console;
import dev.keybridge.dashboard.signin.Operator;
import dev.keybridge.repair.ReconnectLink;
import dev.keybridge.repair.ReconnectLinks;
import dev.keybridge.repair.RepairInbox;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.ApiException;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The repair inbox: the connections that need their end user, filtered by state and app (the counts link to the
 * filtered lists), and reconnect links for the ticked rows in one go, each e-mailed where an address is given.
 */
@Controller
class RepairPage {

    static final int PAGE = 50;
    static final List<Integer> LIFETIME_HOURS = List.of(24, 72, 168);
    static final int MAX_BULK = 200;

    /** What became of one ticked row: its link (shown once), or why there is none. */
    record Outcome(String connectionId, String account, String app, ReconnectLink link, String error) {}

    private final RepairInbox inbox;
    private final ReconnectLinks links;

    RepairPage(RepairInbox inbox, ReconnectLinks links) {
        this.inbox = inbox;
        this.links = links;
    }

    @GetMapping("/dashboard/repair")
    String list(@AuthenticationPrincipal Operator me, HttpSession session, Model model,
                @RequestParam(name = "state", required = false) String state,
                @RequestParam(name = "app", required = false) String app,
                @RequestParam(name = "cursor", required = false) String cursor) {
        Caller caller = Console.caller(me, session);
        String s = state == null || state.isBlank() ? null : state;
        String a = app == null || app.isBlank() ? null : app;
        RepairInbox.Page page;
        try {
            page = inbox.list(caller, new RepairInbox.Filter(s, null, a, null), PAGE, cursor);
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
            page = inbox.list(caller, new RepairInbox.Filter(null, null, null, null), PAGE, null);
            s = null;
            a = null;
        }
        model.addAttribute("page", page);
        model.addAttribute("state", s);
        model.addAttribute("app", a);
        model.addAttribute("lifetimes", LIFETIME_HOURS);
        model.addAttribute("total", page.counts().values().stream().mapToLong(Long::longValue).sum());
        return "dashboard/repair/list";
    }

    @PostMapping("/dashboard/repair/send")
    String send(@AuthenticationPrincipal Operator me, HttpSession session, Model model,
                @RequestParam(name = "connection", required = false) List<String> selected,
                @RequestParam(name = "lifetime", defaultValue = "72") int hours,
                @RequestParam(name = "language", required = false) String language,
                @RequestParam Map<String, String> form) {
        Caller caller = Console.caller(me, session);
        List<Outcome> outcomes = new ArrayList<>();
        List<String> rows = selected == null ? List.of() : selected.stream().distinct().limit(MAX_BULK).toList();
        Duration lifetime = Duration.ofHours(LIFETIME_HOURS.contains(hours) ? hours : 72);
        String lang = language == null || language.isBlank() ? null : language;
        for (String connectionId : rows) {
            String email = form.getOrDefault("email_" + connectionId, "").strip();
            try {
                ReconnectLink link = links.create(caller, new ReconnectLinks.Request(connectionId, lifetime,
                        email.isEmpty() ? null : email, lang), "operator:" + me.id());
                outcomes.add(new Outcome(connectionId, form.getOrDefault("account_" + connectionId, ""),
                        form.getOrDefault("app_" + connectionId, ""), link, null));
            } catch (ApiException e) {
                outcomes.add(new Outcome(connectionId, form.getOrDefault("account_" + connectionId, ""),
                        form.getOrDefault("app_" + connectionId, ""), null, e.getMessage()));
            }
        }
        model.addAttribute("outcomes", outcomes);
        model.addAttribute("none", rows.isEmpty());
        return "dashboard/repair/sent";
    }
}
