package dev.keybridge.link;

import dev.keybridge.connector.AppConnectors;
import dev.keybridge.web.ApiException;
import dev.keybridge.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The hosted Link pages (server-rendered; small plain JS adds live search, events and postMessage).
 * The browser holds a session handle in the path. Every action (a POST, the OAuth callback) answers
 * with a redirect to the session's page (post/redirect/get), so a reload or back only shows the
 * current step; forms carry the step they belong to ({@code _step}), so an old form re-posted is not
 * applied. Only the success that hands over a public token renders directly (the token is shown once).
 */
@Controller
class LinkPageController {

    /** Form fields that are not the end user's answers. */
    private static final Set<String> RESERVED = Set.of("_action", "_step");

    private final LinkTokens tokens;
    private final LinkFlow link;
    private final LinkPage pages;
    private final LinkSettings linkSettings;
    private final LinkLanguages languages;
    private final SearchMisses misses;
    private final LinkPicker picker;

    LinkPageController(LinkTokens tokens, LinkFlow link, LinkPage pages, LinkSettings linkSettings,
                       LinkLanguages languages, SearchMisses misses, LinkPicker picker) {
        this.picker = picker;
        this.misses = misses;
        this.tokens = tokens;
        this.link = link;
        this.pages = pages;
        this.linkSettings = linkSettings;
        this.languages = languages;
    }

    @GetMapping("/link")
    Object open(@RequestParam(required = false) String token, @RequestParam(required = false) String origin,
                @RequestParam(required = false) String display, Model model, HttpServletRequest request,
                HttpServletResponse response) {
        headers(response, null);
        try {
            String handle = tokens.open(token, blankToNull(origin), display == null ? "page" : display.replaceAll("[^a-z]", ""));
            return "redirect:/link/s/" + handle + "?opened=1";
        } catch (ApiException e) {
            // The redirect flow (opened by URL, no embedding page) always goes back to its redirect_uri, spent
            // and expired tokens included.
            String back = blankToNull(origin) == null ? tokens.redirectOnRefusal(token, e.error()) : null;
            return back != null ? "redirect:" + back : error(model, request, response, e, blankToNull(origin));
        }
    }

    @GetMapping("/link/s/{handle}")
    Object show(@PathVariable String handle, @RequestParam(required = false) String q,
                @RequestParam(required = false) String go, @RequestParam(required = false) String category,
                @RequestParam(required = false) String all, Model model, HttpServletRequest request,
                HttpServletResponse response) {
        headers(response, null);
        LinkFlow.Outcome o;
        try {
            o = link.show(handle);
        } catch (ApiException e) {
            return error(model, request, response, e, null);
        }
        if (q != null && !q.isBlank()) {
            misses.noteIfMissed(o.session(), q);   // a search without the page's script
        }
        return render(o, q, category, all != null, go != null, model, request, response);
    }

    /** The picker as the page's script asks for it while the end user types: the matching apps and a note. */
    @GetMapping(path = "/link/s/{handle}/apps", produces = "application/json")
    ResponseEntity<Object> apps(@PathVariable String handle, @RequestParam(name = "q", defaultValue = "") String q,
                                @RequestParam(required = false) String category, HttpServletRequest request) {
        LinkSession s;
        try {
            s = link.current(handle).session();
        } catch (ApiException e) {
            return ResponseEntity.status(e.status()).build();
        }
        if (s.step() != LinkSession.State.PICKING) {
            return ResponseEntity.status(409).build();
        }
        LinkLanguages.use(request, s.language());
        LinkPicker.Picked p = picker.pick(s, q.length() > 200 ? q.substring(0, 200) : q, category, false,
                languages.resolveLocale(request));
        return ResponseEntity.ok().header("cache-control", "no-store").body(Map.of(
                "apps", p.apps().stream().map(LinkPage::card).toList(), "more", p.more(),
                "note", p.note() == null ? "" : p.note()));
    }

    /** The page's beacon: what the end user typed found no app (the server checks that itself before counting). */
    @PostMapping("/link/s/{handle}/missed")
    ResponseEntity<Void> missed(@PathVariable String handle, @RequestParam(name = "q", defaultValue = "") String q) {
        try {
            misses.noteIfMissed(link.current(handle).session(), q);
        } catch (ApiException e) {
            return ResponseEntity.status(e.status()).build();
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/link/s/{handle}/select")
    Object select(@PathVariable String handle, @RequestParam String slug, Model model, HttpServletRequest request,
                  HttpServletResponse response) {
        return act(model, request, response, () -> link.select(handle, slug));
    }

    @PostMapping("/link/s/{handle}/back")
    Object back(@PathVariable String handle, Model model, HttpServletRequest request, HttpServletResponse response) {
        return act(model, request, response, () -> link.back(handle));
    }

    @PostMapping("/link/s/{handle}/submit")
    Object submit(@PathVariable String handle, @RequestParam MultiValueMap<String, String> form, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        Map<String, String> fields = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (!RESERVED.contains(k) && v != null && !v.isEmpty() && k.length() <= 100) {
                fields.put(k, v.getFirst().length() > 4096 ? v.getFirst().substring(0, 4096) : v.getFirst());
            }
        });
        String seq = form.getFirst("_step");
        Integer stepSeq = seq != null && seq.matches("\\d{1,9}") ? Integer.valueOf(seq) : null;
        return act(model, request, response, () -> link.submit(handle, fields, stepSeq));
    }

    @PostMapping("/link/s/{handle}/exit")
    Object exit(@PathVariable String handle, Model model, HttpServletRequest request, HttpServletResponse response) {
        return act(model, request, response, () -> link.exit(handle));
    }

    /** The page's beacons: its window closed (or was left) without finishing, or it is open again (a reload). */
    @PostMapping("/link/s/{handle}/{mark:closed|opened}")
    ResponseEntity<Void> window(@PathVariable String handle, @PathVariable String mark) {
        try {
            link.window(handle, mark.equals("closed"));
        } catch (ApiException e) {
            return ResponseEntity.status(e.status()).build();
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping(AppConnectors.CALLBACK_PATH)
    Object callback(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletRequest request,
                    HttpServletResponse response) {
        Map<String, String> flat = new LinkedHashMap<>();
        params.forEach((k, v) -> flat.put(k, v.getFirst()));
        return act(model, request, response, () -> link.callback(flat), "?oauth=1");
    }

    /** Runs an action; answers with the redirect it leads to, the page (post/redirect/get), or the success page. */
    private Object act(Model model, HttpServletRequest request, HttpServletResponse response, Supplier<LinkFlow.Outcome> action) {
        return act(model, request, response, action, "");
    }

    /** {@code mark}: a query the page reads once (and drops from its address) to tell the host what happened. */
    private Object act(Model model, HttpServletRequest request, HttpServletResponse response, Supplier<LinkFlow.Outcome> action,
                       String mark) {
        headers(response, null);
        LinkFlow.Outcome o;
        try {
            o = action.get();
        } catch (ApiException e) {
            return error(model, request, response, e, null);
        }
        if (o.redirect() != null) {
            return "redirect:" + o.redirect();
        }
        if (!mark.isEmpty() && "iframe".equals(o.session().display())) {
            // The OAuth popup of an embedded Link: the frame shows the result (link.js follows it), not this window.
            headers(response, null);
            LinkLanguages.use(request, o.session().language());
            model.addAttribute("page", pages.returned(o, RequestIds.current(request), languages.resolveLocale(request)));
            return "link/page";
        }
        if (o.publicToken() == null && o.handle() != null) {
            RedirectView prg = new RedirectView("/link/s/" + o.handle() + mark, true);
            prg.setStatusCode(HttpStatus.SEE_OTHER);
            return prg;
        }
        return render(o, null, null, false, true, model, request, response);
    }

    private String render(LinkFlow.Outcome o, String query, String category, boolean all, boolean introDone, Model model,
                          HttpServletRequest request,
                          HttpServletResponse response) {
        headers(response, linkSettings.get(o.session().orgId(), o.session().environment()).allowedOrigins());
        LinkLanguages.use(request, o.session().language());
        model.addAttribute("page", pages.of(o, query, category, all, introDone, RequestIds.current(request), languages.resolveLocale(request)));
        return "link/page";
    }

    private String error(Model model, HttpServletRequest request, HttpServletResponse response, ApiException e,
                         String origin) {
        response.setStatus(e.status());
        model.addAttribute("page", pages.invalid(e.error(), e.getMessage(), origin, RequestIds.current(request),
                languages.resolveLocale(request)));
        return "link/page";
    }

    /** Link may be framed (iframe mode); it never sends its address (which holds the handle) onward. */
    private static void headers(HttpServletResponse response, List<String> origins) {
        response.setHeader("Content-Security-Policy", "frame-ancestors " + (origins == null || origins.isEmpty()
                ? "*" : String.join(" ", new ArrayList<>(origins))) + "; default-src 'self'; img-src 'self' data:; "
                + "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; form-action 'self' http: https:");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
