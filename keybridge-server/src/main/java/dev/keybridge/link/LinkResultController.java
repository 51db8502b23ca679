package dev.keybridge.link;

import dev.keybridge.catalog.Catalog;
import dev.keybridge.web.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /link/result?token=lt_…}: the fallback channel of {@code link.js} when its popup lost
 * {@code window.opener}. Readable cross-origin only by the origin the Link was opened for.
 */
@RestController
class LinkResultController {

    private final LinkCompletion link;
    private final Catalog catalog;
    private final LinkPage pages;

    LinkResultController(LinkCompletion link, Catalog catalog, LinkPage pages) {
        this.link = link;
        this.catalog = catalog;
        this.pages = pages;
    }

    @GetMapping("/link/result")
    ResponseEntity<Map<String, Object>> result(@RequestParam String token) {
        LinkCompletion.Result r;
        try {
            r = link.result(token);
        } catch (ApiException e) {
            return ResponseEntity.status(e.status()).header("cache-control", "no-store")
                    .body(Map.of("status", "unknown", "error", Map.of("error_code", e.error())));
        }
        LinkSession s = r.session();
        Map<String, Object> body = new LinkedHashMap<>();
        LinkView v = LinkView.of(s);
        switch (s.step()) {
            case SUCCEEDED -> {
                body.put("status", r.publicToken() != null ? "success" : "done");
                if (r.publicToken() != null) {
                    body.put("public_token", r.publicToken());
                }
            }
            case EXITED -> body.put("status", "exit");
            case FAILED -> {
                body.put("status", "error");
                body.put("error", Map.of("error_code", String.valueOf(v.errorCode()),
                        "error_message", String.valueOf(pages.t(v.error(), java.util.Locale.ENGLISH))));
            }
            default -> {
                body.put("status", "pending");
                body.put("step", s.step().wire());
                // The Link window was closed without finishing: the host ends with onExit (the token stays usable).
                body.put("closed", s.windowClosedAt() != null);
            }
        }
        body.put("metadata", LinkMetadata.of(s, s.appSlug() == null ? null : catalog.find(s.appSlug()).orElse(null),
                LinkStatus.of(s, v), null, v.errorCode(), null, null));
        ResponseEntity.BodyBuilder out = ResponseEntity.ok().header("cache-control", "no-store").header("vary", "Origin");
        if (s.embedOrigin() != null) {
            out.header("access-control-allow-origin", s.embedOrigin());
        }
        return out.body(body);
    }
}
