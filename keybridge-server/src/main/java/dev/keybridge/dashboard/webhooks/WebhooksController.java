package dev.keybridge.dashboard.webhooks;

import dev.keybridge.dashboard.Console;
import dev.keybridge.dashboard.signin.Operator;
import dev.keybridge.events.EventType;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.ApiException;
import dev.keybridge.webhook.WebhookConsole;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Webhook endpoints (create, change events, enable/disable, rotate the secret shown once) and each
 * endpoint's delivery log with every attempt, a failed-only filter, redeliver and a test event.
 */
@Controller
class WebhooksController {

    static final List<String> EVENT_TYPES = EventType.values().stream().map(EventType::wire).toList();

    private final WebhookConsole webhooks;

    WebhooksController(WebhookConsole webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping("/dashboard/webhooks")
    String list(@AuthenticationPrincipal Operator me, HttpSession session, Model model) {
        model.addAttribute("endpoints", webhooks.endpoints(Console.caller(me, session)));
        model.addAttribute("eventTypes", EVENT_TYPES);
        return "dashboard/webhooks/list";
    }

    @PostMapping("/dashboard/webhooks")
    String create(@AuthenticationPrincipal Operator me, HttpSession session, Model model, HttpServletResponse response,
                  @RequestParam(name = "url", defaultValue = "") String url,
                  @RequestParam(name = "events", required = false) List<String> events) {
        Caller caller = Console.caller(me, session);
        try {
            model.addAttribute("created", webhooks.create(caller, url.strip(), events == null ? List.of() : events));
            return "dashboard/webhooks/secret";
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            response.setStatus(e.status());
            model.addAttribute("endpoints", webhooks.endpoints(caller));
            model.addAttribute("eventTypes", EVENT_TYPES);
            model.addAttribute("url", url);
            model.addAttribute("checked", events == null ? List.of() : events);
            model.addAttribute("urlError", e.getMessage());
            return "dashboard/webhooks/list";
        }
    }

    @GetMapping("/dashboard/webhooks/endpoint")
    String endpoint(@AuthenticationPrincipal Operator me, HttpSession session, Model model, @RequestParam("id") String id,
                    @RequestParam(name = "status", required = false) @Nullable String status) {
        Caller caller = Console.caller(me, session);
        String filter = "failed".equals(status) ? "failed" : null;
        model.addAttribute("endpoint", webhooks.endpoint(caller, id));
        model.addAttribute("eventTypes", EVENT_TYPES);
        model.addAttribute("status", filter);
        model.addAttribute("deliveries", webhooks.deliveries(caller, id, filter, 50));
        model.addAttribute("attempts", webhooks.attempts(caller, id, 50));
        return "dashboard/webhooks/endpoint";
    }

    /** One delivery: the body it sends and every answer it got. */
    @GetMapping("/dashboard/webhooks/delivery")
    String delivery(@AuthenticationPrincipal Operator me, HttpSession session, Model model, @RequestParam("id") String id,
                    @RequestParam("delivery") String delivery) {
        Caller caller = Console.caller(me, session);
        model.addAttribute("endpoint", webhooks.endpoint(caller, id));
        model.addAttribute("detail", webhooks.delivery(caller, id, delivery));
        return "dashboard/webhooks/delivery";
    }

    @PostMapping("/dashboard/webhooks/update")
    String update(@AuthenticationPrincipal Operator me, HttpSession session, Model model, HttpServletResponse response,
                  @RequestParam("id") String id, @RequestParam(name = "url", required = false) String url,
                  @RequestParam(name = "events", required = false) List<String> events,
                  @RequestParam(name = "enabled", defaultValue = "false") boolean enabled, RedirectAttributes flash) {
        Caller caller = Console.caller(me, session);
        try {
            webhooks.update(caller, id, url == null || url.isBlank() ? null : url.strip(),
                    events == null ? List.of() : events, enabled);
        } catch (ApiException e) {
            response.setStatus(400);
            model.addAttribute("urlError", e.getMessage());
            return endpoint(me, session, model, id, null);
        }
        flash.addFlashAttribute("notice", "Saved.");
        return back(id);
    }

    @PostMapping("/dashboard/webhooks/delete")
    String delete(@AuthenticationPrincipal Operator me, HttpSession session, @RequestParam("id") String id,
                  RedirectAttributes flash) {
        Caller caller = Console.caller(me, session);
        String url = webhooks.endpoint(caller, id).url();
        webhooks.delete(caller, id);
        flash.addFlashAttribute("notice", "The endpoint " + url + " was deleted; nothing more is sent to it.");
        return "redirect:/dashboard/webhooks";
    }

    @PostMapping("/dashboard/webhooks/rotate")
    String rotate(@AuthenticationPrincipal Operator me, HttpSession session, @RequestParam("id") String id, Model model) {
        model.addAttribute("created", webhooks.rotate(Console.caller(me, session), id));
        model.addAttribute("rotated", true);
        return "dashboard/webhooks/secret";
    }

    @PostMapping("/dashboard/webhooks/test")
    String test(@AuthenticationPrincipal Operator me, HttpSession session, @RequestParam("id") String id,
                RedirectAttributes flash) {
        String delivery = webhooks.sendTest(Console.caller(me, session), id);
        flash.addFlashAttribute("notice", "A webhook.test event is on its way (delivery " + delivery + ").");
        return back(id);
    }

    @PostMapping("/dashboard/webhooks/redeliver")
    String redeliver(@AuthenticationPrincipal Operator me, HttpSession session, @RequestParam("id") String id,
                     @RequestParam("event") String eventId, RedirectAttributes flash) {
        String delivery = webhooks.redeliver(Console.caller(me, session), id, eventId);
        flash.addFlashAttribute("notice", "Event " + eventId + " is sent again (delivery " + delivery + ").");
        return back(id);
    }

    private static String back(String id) {
        return "redirect:/dashboard/webhooks/endpoint?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
