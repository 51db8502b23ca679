package dev.keybridge.dashboard.signin;

import dev.keybridge.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page (Spring Security checks the form) and the one-time setup page of an invitation.
 * Single sign-on adds its button and pages from {@code dashboard.sso} ({@code SsoPages}).
 */
@Controller
class SigninController {

    private final Invites invites;

    SigninController(Invites invites) {
        this.invites = invites;
    }

    @GetMapping("/dashboard/signin")
    String signin(HttpServletRequest request, Model model) {
        if (request.getParameter("expired") != null) {
            model.addAttribute("notice", "You were signed out after a while without activity. Sign in again.");
        } else if (request.getParameter("removed") != null) {
            model.addAttribute("notice", "An owner removed you from this organization, so you were signed out. Ask an "
                    + "owner for a new invitation if you need the console again.");
        } else if (request.getParameter("role") != null) {
            model.addAttribute("notice", "An owner changed your role, so you were signed out. Sign in again to use the "
                    + "console with your new role.");
        } else if (request.getParameter("signedout") != null) {
            model.addAttribute("notice", "You have signed out.");
        } else if (request.getParameter("welcome") != null) {
            model.addAttribute("notice", "Your account is ready. Sign in with the address and password you chose.");
        }
        return "dashboard/signin";
    }

    /** Forwarded here after a failed attempt: the page with the reason and the address typed. */
    @RequestMapping("/dashboard/signin/failed")
    String failed(HttpServletRequest request, Model model) {
        model.addAttribute("error", request.getAttribute("signinError"));
        String email = request.getParameter("email");
        model.addAttribute("email", email == null || email.length() > 254 ? "" : email);
        return "dashboard/signin";
    }

    @GetMapping("/dashboard/setup")
    String setup(@RequestParam(name = "token", required = false) String token, Model model, HttpServletResponse response) {
        var invite = invites.find(token);
        if (invite.isEmpty()) {
            response.setStatus(404);
            model.addAttribute("message", "This link is not valid any more: it was used or has expired. Ask an owner for a new one.");
            return "dashboard/problem";
        }
        model.addAttribute("invite", invite.get());
        model.addAttribute("token", token);
        return "dashboard/setup";
    }

    @PostMapping("/dashboard/setup")
    String accept(@RequestParam("token") String token, @RequestParam(name = "email", required = false) String email,
                  @RequestParam("password") String password, Model model, HttpServletResponse response) {
        try {
            invites.accept(token, email, password);
            return "redirect:/dashboard/signin?welcome";
        } catch (ApiException e) {
            var invite = invites.find(token);
            if (invite.isEmpty()) {
                throw e;
            }
            response.setStatus(400);
            model.addAttribute("invite", invite.get());
            model.addAttribute("token", token);
            model.addAttribute("email", email);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.getMessage().contains("password") ? "password" : "email");
            return "dashboard/setup";
        }
    }
}
