package dev.keybridge.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code GET /}: whoever opens the server's own address (an operator's browser) lands on the dashboard. */
@Controller
class RootRedirect {

    @GetMapping("/")
    String root() {
        return "redirect:/dashboard";
    }
}
