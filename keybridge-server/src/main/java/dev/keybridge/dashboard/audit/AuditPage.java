package dev.keybridge.dashboard.audit;

import dev.keybridge.audit.AuditConsole;
import dev.keybridge.dashboard.Console;
import dev.keybridge.dashboard.signin.Operator;
import dev.keybridge.tenancy.Caller;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log in the console: the environment's newest records (every proxy call, refresh, import…), filtered
 * by action or connection, and on request a verification of the hash chain naming the first broken record.
 */
@Controller
class AuditPage {

    static final int SHOWN = 100;

    private final AuditConsole audit;

    AuditPage(AuditConsole audit) {
        this.audit = audit;
    }

    @GetMapping("/dashboard/audit")
    String list(@AuthenticationPrincipal Operator me, HttpSession session, Model model,
                @RequestParam(name = "action", required = false) String action,
                @RequestParam(name = "connection", required = false) String connection,
                @RequestParam(name = "verify", required = false) String verify) {
        Caller caller = Console.caller(me, session);
        String a = action == null || action.isBlank() || action.length() > 64 ? null : action.strip();
        String c = connection == null || connection.isBlank() || connection.length() > 64 ? null : connection.strip();
        model.addAttribute("rows", audit.newest(caller, a, c, SHOWN));
        model.addAttribute("action", a);
        model.addAttribute("connection", c);
        model.addAttribute("verification", verify == null ? null : audit.verify(caller));
        return "dashboard/audit/list";
    }
}
