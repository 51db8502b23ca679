package dev.keybridge.dashboard.credentials;

import dev.keybridge.dashboard.Console;
import dev.keybridge.dashboard.signin.Operator;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.CredentialInfo;
import dev.keybridge.tenancy.CredentialKind;
import dev.keybridge.tenancy.TenancyService;
import dev.keybridge.web.Errors;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** API keys and client pairs of the current environment: list (hints only), create (secret shown once), revoke. */
@Controller
class CredentialsController {

    static final int MAX_NAME = 100;

    private final TenancyService tenancy;

    CredentialsController(TenancyService tenancy) {
        this.tenancy = tenancy;
    }

    @GetMapping("/dashboard/credentials")
    String list(@AuthenticationPrincipal Operator me, HttpSession session, Model model) {
        model.addAttribute("credentials", of(Console.caller(me, session)));
        return "dashboard/credentials/list";
    }

    @PostMapping("/dashboard/credentials")
    String create(@AuthenticationPrincipal Operator me, HttpSession session, Model model, HttpServletResponse response,
                  @RequestParam(name = "kind", defaultValue = "api_key") String kind,
                  @RequestParam(name = "name", defaultValue = "") String name) {
        Caller caller = Console.caller(me, session);
        String n = name.strip();
        String error = n.isEmpty() ? "Give the credential a name, such as 'billing service'."
                : n.length() > MAX_NAME ? "Use at most " + MAX_NAME + " characters." : null;
        CredentialKind k = "client".equals(kind) ? CredentialKind.CLIENT : CredentialKind.API_KEY;
        if (error != null) {
            response.setStatus(400);
            model.addAttribute("credentials", of(caller));
            model.addAttribute("nameError", error);
            model.addAttribute("name", name);
            model.addAttribute("kind", k.wire());
            return "dashboard/credentials/list";
        }
        model.addAttribute("issued", tenancy.issue(caller.orgId(), caller.environment(), k, n));
        return "dashboard/credentials/created";
    }

    @PostMapping("/dashboard/credentials/revoke")
    String revoke(@AuthenticationPrincipal Operator me, HttpSession session, @RequestParam("id") String id,
                  RedirectAttributes flash) {
        Caller caller = Console.caller(me, session);
        CredentialInfo c = of(caller).stream().filter(x -> x.id().equals(id) && x.revokedAt() == null).findFirst()
                .orElseThrow(() -> Errors.notFound("live credential", id));
        tenancy.revoke(caller.orgId(), c.id());
        flash.addFlashAttribute("notice", "Credential '" + c.name() + "' was revoked; it stops working at once.");
        return "redirect:/dashboard/credentials";
    }

    private List<CredentialInfo> of(Caller caller) {
        return tenancy.credentials(caller.orgId()).stream()
                .filter(c -> c.environment().equals(caller.environment().wire())).toList();
    }
}
