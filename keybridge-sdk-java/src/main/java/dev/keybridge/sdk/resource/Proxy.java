package dev.keybridge.sdk.resource;

import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.AuthenticationException;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.exception.LoginRequiredException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.ProxyResponse;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import dev.keybridge.sdk.net.TransportResponse;
import dev.keybridge.sdk.param.ProxyRequest;
import java.util.Locale;
import java.util.Set;

/**
 * Calls an app's API through Keybridge ({@code /v1/proxy/…}), which injects the connection's
 * credential and refreshes it when needed. The app's answer comes back as a {@link ProxyResponse},
 * whatever its status; Keybridge's own refusals are thrown — above all
 * {@link dev.keybridge.sdk.exception.LoginRequiredException} when the end user must repair the
 * connection in update mode. Which is which is told by the {@code x-keybridge-error} header that marks
 * every error of Keybridge's own (the proxy never passes an upstream's on), not by the body, so an app
 * that answers in a shape like Keybridge's is still the app's answer. GET, HEAD and OPTIONS are retried like reads; other methods only when
 * Keybridge says nothing was sent (refused connection, 429, 503 {@code token_refreshed}).
 */
public final class Proxy extends ApiResource {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    /** Made by {@link dev.keybridge.sdk.Keybridge#proxy()}. */
    public Proxy(Requester requester) {
        super(requester);
    }

    /**
     * {@code GET path} on the app of the connection of {@code accessToken}.
     *
     * @throws LoginRequiredException when the connection needs the end user again (update mode)
     * @throws NotFoundException when no connection has this access token
     * @throws KeybridgeException on any other refusal of Keybridge's own (the app's errors are returned)
     */
    public ProxyResponse get(String accessToken, String path) {
        return send(ProxyRequest.builder("GET", path).accessToken(accessToken).build());
    }

    /**
     * Sends {@code request} through the proxy.
     *
     * @throws LoginRequiredException when the connection needs the end user again (update mode)
     * @throws NotFoundException when the connection is unknown
     * @throws AuthenticationException when your credential is refused
     * @throws KeybridgeException on any other refusal of Keybridge's own (the app's errors are returned)
     */
    public ProxyResponse send(ProxyRequest request) {
        return send(request, RequestOptions.NONE);
    }

    /**
     * {@link #send(ProxyRequest)} with per-call options (the request's own headers are added to them).
     *
     * @throws LoginRequiredException when the connection needs the end user again (update mode)
     * @throws NotFoundException when the connection is unknown
     * @throws AuthenticationException when your credential is refused
     * @throws KeybridgeException on any other refusal of Keybridge's own (the app's errors are returned)
     */
    public ProxyResponse send(ProxyRequest request, RequestOptions options) {
        RequestOptions.Builder o = (options == null ? RequestOptions.NONE : options).toBuilder();
        request.headers().forEach(o::header);
        String method = request.method().toUpperCase(Locale.ROOT);
        TransportResponse r = requester.send(method, "/v1/proxy/" + request.path(), request.query(), request.body(),
                SAFE.contains(method) ? Safety.SAFE : Safety.UNSAFE, o.build(), true);
        return new ProxyResponse(r.status(), r.headers(), r.body());
    }
}
