package dev.keybridge.dashboard.accounts;

import dev.keybridge.account.AccountService;
import dev.keybridge.account.AccountView;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.dashboard.Console;
import dev.keybridge.dashboard.signin.Operator;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.userconfig.UserConfigs;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Linked accounts: search by a prefix of the id or the name with keyset paging (50 a page, "next"
 * carries the last id), a detail page, and deleting an account after a confirmation page.
 */
@Controller
class AccountsController {

    static final int PAGE = 50;

    private final AccountService accounts;
    private final AccountDetail detail;
    private final UserConfigs configs;

    AccountsController(AccountService accounts, AccountDetail detail, UserConfigs configs) {
        this.configs = configs;
        this.accounts = accounts;
        this.detail = detail;
    }

    @GetMapping("/dashboard/accounts")
    String list(@AuthenticationPrincipal Operator me, HttpSession session, Model model,
                @RequestParam(name = "q", required = false) String q,
                @RequestParam(name = "by", defaultValue = "id") String by,
                @RequestParam(name = "after", required = false) String after) {
        Caller caller = Console.caller(me, session);
        String prefix = q == null || q.isBlank() ? null : q.strip();
        if (prefix != null && prefix.length() > 255) {
            model.addAttribute("qError", "Search for at most 255 characters.");
            prefix = null;
        }
        String afterId = after == null || !after.matches("[0-9a-f]{24}") ? null : after;
        boolean byName = "name".equals(by);
        List<LinkedAccount> rows = accounts.page(caller, byName ? null : prefix, byName ? prefix : null, afterId, PAGE + 1);
        boolean more = rows.size() > PAGE;
        List<LinkedAccount> shown = more ? rows.subList(0, PAGE) : rows;
        model.addAttribute("rows", shown);
        model.addAttribute("q", q);
        model.addAttribute("by", byName ? "name" : "id");
        model.addAttribute("next", more ? shown.getLast().id() : null);
        model.addAttribute("first", afterId != null);
        return "dashboard/accounts/list";
    }

    @GetMapping("/dashboard/accounts/view")
    String view(@AuthenticationPrincipal Operator me, HttpSession session, Model model,
                @RequestParam("id") String id) {
        Caller caller = Console.caller(me, session);
        LinkedAccount account = accounts.get(caller, id);
        model.addAttribute("account", AccountView.of(account));
        model.addAttribute("connections", detail.connections(caller, account));
        model.addAttribute("configs", configs.configsOf(caller, account));
        return "dashboard/accounts/view";
    }

    @GetMapping("/dashboard/accounts/delete")
    String confirmDelete(@AuthenticationPrincipal Operator me, HttpSession session, Model model,
                         @RequestParam("id") String id) {
        model.addAttribute("account", AccountView.of(accounts.get(Console.caller(me, session), id)));
        return "dashboard/accounts/delete";
    }

    @PostMapping("/dashboard/accounts/delete")
    String delete(@AuthenticationPrincipal Operator me, HttpSession session, @RequestParam("id") String id,
                  RedirectAttributes flash) {
        accounts.delete(Console.caller(me, session), id);
        flash.addFlashAttribute("notice", "Linked account " + id + " was deleted.");
        return "redirect:/dashboard/accounts";
    }
}
