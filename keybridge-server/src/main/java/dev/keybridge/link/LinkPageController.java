package dev.keybridge.link;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.catalog.Catalog;
import dev.keybridge.connector.Step;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hosted Link pages (server-rendered; small plain JS adds live search and postMessage). The
 * browser holds a session handle in the path; the link token itself is spent on the first open.
 */
@Controller
class LinkPageController {

    /** Form fields that are not the end user's answers. */
    private static final Set<String> RESERVED = Set.of("_action");

    /** What the template shows. */
    record Page(String step, String handle, String title, String prompt, String error, String errorCode,
                boolean retryable, List<Step.Field> fields, AppDefinition app, List<AppDefinition> apps,
                List<AppDefinition> detected, String query, boolean fixedApp, String publicToken, boolean showToken,
                String embedOrigin, String event, String metadata, String environment) {}

    private final LinkTokens tokens;
    private final LinkFlow link;
    private final AppSettings apps;
    private final LinkSettings linkSettings;
    private final JsonMapper json;

    LinkPageController(LinkTokens tokens, LinkFlow link, AppSettings apps, LinkSettings linkSettings, JsonMapper json) {
        this.tokens = tokens;
        this.link = link;
        this.apps = apps;
        this.linkSettings = linkSettings;
        this.json = json;
    }

    @GetMapping("/link")
    String open(@RequestParam(required = false) String token, @RequestParam(required = false) String origin,
                @RequestParam(required = false) String display, Model model, HttpServletResponse response) {
        headers(response, null);
        try {
            String handle = tokens.open(token, blankToNull(origin), display == null ? "page" : display.replaceAll("[^a-z]", ""));
            return "redirect:/link/s/" + handle;
        } catch (ApiException e) {
            return error(model, response, e, blankToNull(origin));
        }
    }

    @GetMapping("/link/s/{handle}")
    String show(@PathVariable String handle, @RequestParam(required = false) String q, Model model,
                HttpServletResponse response) {
        return run(model, response, () -> link.current(handle), q);
    }

    @PostMapping("/link/s/{handle}/select")
    String select(@PathVariable String handle, @RequestParam String slug, Model model, HttpServletResponse response) {
        return run(model, response, () -> link.select(handle, slug), null);
    }

    @PostMapping("/link/s/{handle}/back")
    String back(@PathVariable String handle, Model model, HttpServletResponse response) {
        return run(model, response, () -> link.back(handle), null);
    }

    @PostMapping("/link/s/{handle}/submit")
    String submit(@PathVariable String handle, @RequestParam MultiValueMap<String, String> form, Model model,
                  HttpServletResponse response) {
        Map<String, String> fields = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (!RESERVED.contains(k) && v != null && !v.isEmpty() && k.length() <= 100) {
                fields.put(k, v.getFirst().length() > 4096 ? v.getFirst().substring(0, 4096) : v.getFirst());
            }
        });
        return run(model, response, () -> link.submit(handle, fields), null);
    }

    @PostMapping("/link/s/{handle}/exit")
    String exit(@PathVariable String handle, Model model, HttpServletResponse response) {
        return run(model, response, () -> link.exit(handle), null);
    }

    @GetMapping("/link/oauth/callback")
    String callback(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response) {
        Map<String, String> flat = new LinkedHashMap<>();
        params.forEach((k, v) -> flat.put(k, v.getFirst()));
        return run(model, response, () -> link.callback(flat), null);
    }

    private String run(Model model, HttpServletResponse response, java.util.function.Supplier<LinkFlow.Outcome> action,
                       String query) {
        headers(response, null);
        LinkFlow.Outcome o;
        try {
            o = action.get();
        } catch (ApiException e) {
            return error(model, response, e, null);
        }
        if (o.redirect() != null) {
            return "redirect:" + o.redirect();
        }
        headers(response, linkSettings.get(o.session().orgId(), o.session().environment()).allowedOrigins());
        model.addAttribute("page", page(o, query));
        return "link/page";
    }

    private Page page(LinkFlow.Outcome o, String query) {
        LinkSession s = o.session();
        LinkView v = o.view();
        AppDefinition app = s.appSlug() == null ? null : apps.enabled(s.orgId(), s.environment()).stream()
                .filter(a -> a.slug().equals(s.appSlug())).findFirst().orElse(null);
        List<AppDefinition> all = List.of();
        List<AppDefinition> detected = List.of();
        if (s.step() == LinkSession.State.PICKING) {
            all = apps.enabled(s.orgId(), s.environment());
            if (query != null && !query.isBlank()) {
                detected = Catalog.detect(all, query);
            }
        }
        String event = switch (s.step()) {
            case SUCCEEDED -> o.publicToken() == null ? "done" : "success";
            case EXITED -> "exit";
            case FAILED -> "error";
            default -> null;
        };
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("linked_account_id", v.account());
        metadata.put("app", app == null ? null : Map.of("slug", app.slug(), "name", app.name()));
        metadata.put("status", s.step().wire());
        metadata.put("link_session_id", s.id());
        if (v.errorCode() != null) {
            metadata.put("error_code", v.errorCode());
            metadata.put("error_message", v.error());
        }
        boolean showToken = o.publicToken() != null && s.embedOrigin() == null && s.environment() == Environment.TEST;
        return new Page(s.step().wire(), o.handle(), v.title(), v.prompt(), v.error(), v.errorCode(),
                v.retryable() == null || v.retryable(), v.fields() == null ? List.of() : v.fields(), app, all,
                detected, query, s.fixedApp(), o.publicToken(), showToken, s.embedOrigin(), event,
                json.writeValueAsString(metadata), s.environment().wire());
    }

    private String error(Model model, HttpServletResponse response, ApiException e, String origin) {
        response.setStatus(e.status());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("error_code", e.error());
        metadata.put("error_message", e.getMessage());
        model.addAttribute("page", new Page("invalid", null, "Link cannot continue", null, e.getMessage(), e.error(),
                false, List.of(), null, List.of(), List.of(), null, false, null, false, origin, "error",
                json.writeValueAsString(metadata), null));
        return "link/page";
    }

    /** Link may be framed (iframe mode); it never sends its address (which holds the handle) onward. */
    private static void headers(HttpServletResponse response, List<String> origins) {
        response.setHeader("Content-Security-Policy", "frame-ancestors " + (origins == null || origins.isEmpty()
                ? "*" : String.join(" ", new ArrayList<>(origins))));
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
