package dev.keybridge.dashboard;

import dev.keybridge.tenancy.Environment;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The environment switch (every role may use it) and the page for a refused change. */
@Controller
class ConsoleController {

    @PostMapping("/dashboard/environment")
    String switchEnvironment(@RequestParam("environment") String environment,
                             @RequestParam(name = "back", required = false) String back, HttpSession session) {
        Environment env = "production".equals(environment) ? Environment.PRODUCTION : Environment.TEST;
        session.setAttribute(Console.ENVIRONMENT, env);
        // Back to the same section (its list): a detail page of one environment means nothing in the other.
        if (back == null || !back.matches("/dashboard(/[A-Za-z0-9/_-]*)?")) {
            return "redirect:/dashboard";
        }
        String[] parts = back.split("/");
        return "redirect:" + (parts.length > 2 ? "/dashboard/" + parts[2] : "/dashboard");
    }

    /** Any other dashboard address (but the assets): a page that says so, not the API's JSON. */
    @RequestMapping({"/dashboard/{section:(?!assets$)[A-Za-z0-9_-]+}", "/dashboard/{section:(?!assets$)[A-Za-z0-9_-]+}/{rest}"})
    String notFound(Model model, HttpServletResponse response) {
        response.setStatus(404);
        model.addAttribute("message", "There is no such page. Start again from the menu.");
        return "dashboard/problem";
    }

    /** Forwarded here by Spring Security with status 403: a viewer's change, or a stale/missing CSRF token. */
    @RequestMapping("/dashboard/denied")
    String denied(HttpServletRequest request, Model model) {
        boolean csrf = request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException;
        model.addAttribute("message", csrf
                ? "This form was stale or your session has expired, so nothing was changed. Reload the page (or sign in again) and repeat."
                : "Your role cannot make this change, so nothing was changed. Ask an owner of your organization.");
        return "dashboard/problem";
    }
}
