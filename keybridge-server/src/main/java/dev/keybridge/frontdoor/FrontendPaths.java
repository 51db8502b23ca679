package dev.keybridge.frontdoor;

/**
 * The session-token surface (wire-formats §3): the paths a browser page calls with
 * {@code authorization: Bearer <session token>}. Only these answer CORS; server endpoints never do.
 */
public final class FrontendPaths {

    private FrontendPaths() {}

    public static boolean isFrontend(String path) {
        if (path.startsWith("/api/v1/workflow/")) {
            return false; // a server call of the original system (answered 501)
        }
        return path.startsWith("/api/v3/") || path.startsWith("/api/v2/f-sdk/") || path.startsWith("/api/v2/app/")
                || path.startsWith("/api/v1/");
    }
}
