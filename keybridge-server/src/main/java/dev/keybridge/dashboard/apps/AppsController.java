package dev.keybridge.dashboard.apps;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.catalog.Catalog;
import dev.keybridge.connector.AppConnectors;
import dev.keybridge.dashboard.Console;
import dev.keybridge.dashboard.signin.Operator;
import dev.keybridge.link.LinkSettings;
import dev.keybridge.link.SearchMisses;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.ApiException;
import dev.keybridge.web.Errors;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The catalogue with search, enabling an app per environment with its client id and secret (the
 * secret is write-only: the page only says whether one is stored), and the Link settings.
 */
@Controller
class AppsController {

    /** An app as the page lists it: the catalog entry and this environment's setting. */
    record Row(AppDefinition app, boolean enabled, String clientId, boolean secretSet, boolean usesClient) {}

    private final Catalog catalog;
    private final AppSettings settings;
    private final LinkSettings link;
    private final AppConnectors connectors;
    private final SearchMisses misses;

    AppsController(Catalog catalog, AppSettings settings, LinkSettings link, AppConnectors connectors,
                   SearchMisses misses) {
        this.misses = misses;
        this.connectors = connectors;
        this.catalog = catalog;
        this.settings = settings;
        this.link = link;
    }

    @GetMapping("/dashboard/apps")
    String list(@AuthenticationPrincipal Operator me, HttpSession session, Model model,
                @RequestParam(name = "q", required = false) String q,
                @RequestParam(name = "category", required = false) String category,
                @RequestParam(name = "family", required = false) String family,
                @RequestParam(name = "state", required = false) String state) {
        model.addAttribute("q", q);
        fill(Console.caller(me, session), AppFilter.of(q, category, family, state), model);
        return "dashboard/apps/list";
    }

    @PostMapping("/dashboard/apps/enable")
    String enable(@AuthenticationPrincipal Operator me, HttpSession session, @RequestParam("slug") String slug,
                  @RequestParam(name = "enabled", defaultValue = "false") boolean enabled,
                  @RequestParam(name = "client_id", defaultValue = "") String clientId,
                  @RequestParam(name = "client_secret", defaultValue = "") String clientSecret,
                  RedirectAttributes flash) {
        Caller caller = Console.caller(me, session);
        AppDefinition app = settings.available(caller.environment(), slug);
        if (clientId.length() > 255 || clientSecret.length() > 2048) {
            flash.addFlashAttribute("notice", "The client id or secret is too long; nothing was saved.");
            return "redirect:/dashboard/apps";
        }
        settings.put(caller.orgId(), caller.environment(), app.slug(), enabled,
                clientId.isBlank() ? null : clientId.strip(), clientSecret.isBlank() ? null : clientSecret.strip());
        boolean clientSaved = !clientId.isBlank() || !clientSecret.isBlank();
        flash.addFlashAttribute("notice", app.name() + (clientSaved ? ": the client is saved; it" : "")
                + (enabled ? " is enabled." : " is disabled."));
        return "redirect:/dashboard/apps";
    }

    @PostMapping("/dashboard/apps/link-settings")
    String linkSettings(@AuthenticationPrincipal Operator me, HttpSession session, Model model,
                        HttpServletResponse response,
                        @RequestParam(name = "redirect_uris", defaultValue = "") String redirectUris,
                        @RequestParam(name = "allowed_origins", defaultValue = "") String allowedOrigins,
                        RedirectAttributes flash) {
        Caller caller = Console.caller(me, session);
        List<String> redirects = lines(redirectUris);
        List<String> origins = lines(allowedOrigins);
        try {
            if (redirects.size() > 50 || origins.size() > 50) {
                throw Errors.invalid("At most 50 lines each.");
            }
            LinkSettings.check(redirects, origins);
        } catch (ApiException e) {
            response.setStatus(400);
            fill(caller, AppFilter.of(null, null, null, null), model);
            model.addAttribute("redirectUris", redirectUris);
            model.addAttribute("allowedOrigins", allowedOrigins);
            model.addAttribute("linkError", e.getMessage());
            return "dashboard/apps/list";
        }
        link.put(caller.orgId(), caller.environment(), redirects, origins);
        flash.addFlashAttribute("notice", "Link settings saved.");
        return "redirect:/dashboard/apps";
    }

    private void fill(Caller caller, AppFilter filter, Model model) {
        Environment env = caller.environment();
        Map<String, AppSettings.Setting> set = settings.settings(caller.orgId(), env).stream()
                .collect(Collectors.toMap(AppSettings.Setting::slug, Function.identity()));
        List<String> enabled = settings.enabled(caller.orgId(), env).stream().map(AppDefinition::slug).toList();
        List<AppDefinition> offered = catalog.all().stream().filter(a -> !a.sandbox() || env == Environment.TEST).toList();
        List<Row> rows = offered.stream()
                .filter(a -> filter.matches(a, enabled.contains(a.slug())))
                .map(a -> {
                    AppSettings.Setting s = set.get(a.slug());
                    return new Row(settings.resolve(a), enabled.contains(a.slug()), s == null ? null : s.clientId(),
                            s != null && s.clientSecretSet(), connectors.usesClient(a));
                }).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("filter", filter);
        model.addAttribute("offered", offered.size());
        model.addAttribute("categories", AppFilter.categories());
        model.addAttribute("families", AppFilter.FAMILIES);
        model.addAttribute("lookedFor", misses.top(caller.orgId(), env, 10));
        model.addAttribute("callbackUrl", connectors.callbackUrl());
        LinkSettings.Setting ls = link.get(caller.orgId(), env);
        model.addAttribute("redirectUris", String.join("\n", ls.redirectUris()));
        model.addAttribute("allowedOrigins", String.join("\n", ls.allowedOrigins()));
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
