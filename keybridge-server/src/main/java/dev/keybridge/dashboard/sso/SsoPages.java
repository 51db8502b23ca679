package dev.keybridge.dashboard.sso;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Single sign-on's own pages: the one that moves on after a sign-in, and a clear 404 page for its
 * addresses when it is not set up ({@link SsoButton} adds the button to the sign-in page).
 */
@Controller
class SsoPages {

    private final SsoProvider sso;

    SsoPages(SsoProvider sso) {
        this.sso = sso;
    }

    /** After single sign-on: a page that moves on to the overview (see {@code SsoSignin}). */
    @RequestMapping("/dashboard/signin/continue")
    String continueAfterSso() {
        return "dashboard/continue";
    }

    /** Single sign-on's addresses when it is not set up (or an address of it that does not exist). */
    @RequestMapping({"/dashboard/signin/sso/**", "/dashboard/signin/sso-callback"})
    String noSso(Model model, HttpServletResponse response) {
        response.setStatus(404);
        model.addAttribute("message", sso.enabled() ? "There is no such page. Start again from the sign-in page."
                : "Single sign-on is not set up on this server. Sign in with your e-mail address and password.");
        return "dashboard/problem";
    }
}
