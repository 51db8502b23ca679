package dev.keybridge.link;

import dev.keybridge.catalog.Catalog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
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

    /** An unknown token is a 404 {@code invalid_link_token} in the error shape (not cached either). */
    @Operation(summary = "Read a Link session's result",
            description = "The fallback channel of `link.js` when its popup lost `window.opener`: the result of the Link "
                    + "session of `token` (`lt_…`); readable cross-origin only by the origin the Link was opened for. "
                    + "An unknown token is a 404 `invalid_link_token`.")
    @GetMapping("/link/result")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    ResponseEntity<LinkResultResponse> result(@RequestParam String token, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        LinkCompletion.Result r = link.result(token);
        LinkSession s = r.session();
        LinkView v = LinkView.of(s);
        String status;
        String publicToken = null;
        String step = null;
        Boolean closed = null;
        LinkResultResponse.Failure error = null;
        switch (s.step()) {
            case SUCCEEDED -> {
                status = r.publicToken() != null ? "success" : "done";
                publicToken = r.publicToken();
            }
            case EXITED -> status = "exit";
            case FAILED -> {
                status = "error";
                error = new LinkResultResponse.Failure(String.valueOf(v.errorCode()),
                        String.valueOf(pages.t(v.error(), Locale.ENGLISH)));
            }
            default -> {
                status = "pending";
                step = s.step().wire();
                // The Link window was closed without finishing: the host ends with onExit (the token stays usable).
                closed = s.windowClosedAt() != null;
            }
        }
        LinkResultResponse body = new LinkResultResponse(status, publicToken, step, closed, error,
                LinkMetadata.of(s, s.appSlug() == null ? null : catalog.find(s.appSlug()).orElse(null),
                        LinkStatus.of(s, v), null, v.errorCode(), null, null));
        ResponseEntity.BodyBuilder out = ResponseEntity.ok().header("cache-control", "no-store").header("vary", "Origin");
        if (s.embedOrigin() != null) {
            out.header("access-control-allow-origin", s.embedOrigin());
        }
        return out.body(body);
    }
}
