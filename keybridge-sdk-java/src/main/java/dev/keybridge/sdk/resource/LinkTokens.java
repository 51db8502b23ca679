package dev.keybridge.sdk.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.AccessToken;
import dev.keybridge.sdk.model.LinkBranding;
import dev.keybridge.sdk.model.LinkSettings;
import dev.keybridge.sdk.model.LinkToken;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import dev.keybridge.sdk.param.LinkBrandingParams;
import dev.keybridge.sdk.param.LinkTokenParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Link tokens, the exchange of public tokens ({@code /link/token/…}) and Link's settings
 * ({@code /api/v2/public/link/settings}: redirect URIs, embedding origins, branding). Link's language is chosen
 * per link token ({@link LinkTokenParams.Builder#language(String)}).
 */
public final class LinkTokens extends ApiResource {

    private static final String SETTINGS = "/api/v2/public/link/settings";

    /** Made by {@link dev.keybridge.sdk.Keybridge#linkTokens()}. */
    public LinkTokens(Requester requester) {
        super(requester);
    }

    /**
     * A link token that opens Link (new connection or update mode). Idempotent across retries.
     *
     * @throws InvalidRequestException when a field is refused (a redirect URI not allowed in the Link settings, a
     *         language Link does not speak, …)
     * @throws NotFoundException when update mode names an unknown access token, or {@code app} an unknown app
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public LinkToken create(LinkTokenParams params) {
        return create(params, RequestOptions.NONE);
    }

    /**
     * {@link #create(LinkTokenParams)} with per-call options.
     *
     * @throws InvalidRequestException when a field is refused (a redirect URI not allowed in the Link settings, a
     *         language Link does not speak, …)
     * @throws NotFoundException when update mode names an unknown access token, or {@code app} an unknown app
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public LinkToken create(LinkTokenParams params, RequestOptions options) {
        return call("POST", "/link/token/create", null, params.toBody(), Safety.KEYED, options, LinkToken.class);
    }

    /**
     * A link token for update mode: the end user repairs the connection of {@code accessToken}, which stays the same.
     *
     * @throws NotFoundException when no connection has this access token
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public LinkToken createForUpdate(String accessToken) {
        return create(LinkTokenParams.forUpdate(accessToken).build());
    }

    /**
     * Link's settings in your environment: allowed redirect URIs and embedding origins.
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public LinkSettings settings() {
        return settings(RequestOptions.NONE);
    }

    /**
     * {@link #settings()} with per-call options.
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public LinkSettings settings(RequestOptions options) {
        return call("GET", SETTINGS, null, null, Safety.SAFE, options, LinkSettings.class);
    }

    /**
     * Replaces Link's redirect URIs and embedding origins (PUT: safe to retry); the branding is kept.
     *
     * @throws InvalidRequestException when a URI or origin is malformed (nothing is changed)
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public LinkSettings updateSettings(LinkSettings settings) {
        return updateSettings(settings, RequestOptions.NONE);
    }

    /**
     * {@link #updateSettings(LinkSettings)} with per-call options.
     *
     * @throws InvalidRequestException when a URI or origin is malformed (nothing is changed)
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public LinkSettings updateSettings(LinkSettings settings, RequestOptions options) {
        return call("PUT", SETTINGS, null, lists(settings), Safety.SAFE, options, LinkSettings.class);
    }

    /**
     * Link's branding in your environment: display name, logo, accent colour, theme.
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public LinkBranding branding() {
        return branding(RequestOptions.NONE);
    }

    /**
     * {@link #branding()} with per-call options.
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public LinkBranding branding(RequestOptions options) {
        return call("GET", SETTINGS, null, null, Safety.SAFE, options, LinkBranding.class);
    }

    /**
     * Changes the branding fields {@code params} sets and keeps the others. The settings call replaces the redirect
     * URIs and origins too, so this reads them first and sends them back unchanged: two calls, not atomic against
     * a concurrent {@link #updateSettings(LinkSettings)}; use {@link #updateSettings(LinkSettings, LinkBrandingParams)}
     * to set both in one call. Safe to retry.
     *
     * @throws InvalidRequestException when a field is refused (a blank name, a logo that is not a small data URI,
     *         a colour not like {@code #1a73e8}, a theme other than light, dark or system)
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public LinkBranding updateBranding(LinkBrandingParams params) {
        return updateBranding(params, RequestOptions.NONE);
    }

    /**
     * {@link #updateBranding(LinkBrandingParams)} with per-call options (used for both calls).
     *
     * @throws InvalidRequestException when a field is refused (a blank name, a logo that is not a small data URI,
     *         a colour not like {@code #1a73e8}, a theme other than light, dark or system)
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public LinkBranding updateBranding(LinkBrandingParams params, RequestOptions options) {
        LinkSettings current = settings(options);
        return requester.json().convertValue(put(current, params, options), LinkBranding.class);
    }

    /**
     * Sets the redirect URIs and origins and changes the branding fields {@code branding} sets, in one call
     * (PUT: safe to retry). The answer holds the new settings; read the branding with
     * {@link #branding()}, or pass a listener in {@code options}.
     *
     * @throws InvalidRequestException when a URI, origin or branding field is refused (nothing is changed)
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public LinkSettings updateSettings(LinkSettings settings, LinkBrandingParams branding) {
        return updateSettings(settings, branding, RequestOptions.NONE);
    }

    /**
     * {@link #updateSettings(LinkSettings, LinkBrandingParams)} with per-call options.
     *
     * @throws InvalidRequestException when a URI, origin or branding field is refused (nothing is changed)
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public LinkSettings updateSettings(LinkSettings settings, LinkBrandingParams branding, RequestOptions options) {
        return requester.json().convertValue(put(settings, branding, options), LinkSettings.class);
    }

    private JsonNode put(LinkSettings settings, LinkBrandingParams branding, RequestOptions options) {
        Map<String, Object> body = lists(settings);
        body.putAll(branding.toBody());
        return call("PUT", SETTINGS, null, body, Safety.SAFE, options, JsonNode.class);
    }

    private static Map<String, Object> lists(LinkSettings settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("redirect_uris", settings.redirectUris() == null ? List.of() : settings.redirectUris());
        body.put("allowed_origins", settings.allowedOrigins() == null ? List.of() : settings.allowedOrigins());
        return body;
    }

    /**
     * Exchanges a public token ({@code pt_…}, single-use) for the connection's permanent access token.
     * Idempotent across retries.
     *
     * @throws InvalidRequestException when the public token is unknown, expired or already used
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public AccessToken exchange(String publicToken) {
        return exchange(publicToken, RequestOptions.NONE);
    }

    /**
     * {@link #exchange(String)} with per-call options.
     *
     * @throws InvalidRequestException when the public token is unknown, expired or already used
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public AccessToken exchange(String publicToken, RequestOptions options) {
        return call("POST", "/link/token/exchange", null, body("public_token", publicToken), Safety.KEYED, options,
                AccessToken.class);
    }
}
