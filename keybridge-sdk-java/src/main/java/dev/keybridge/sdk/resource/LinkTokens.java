package dev.keybridge.sdk.resource;

import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.model.AccessToken;
import dev.keybridge.sdk.model.LinkSettings;
import dev.keybridge.sdk.model.LinkToken;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import dev.keybridge.sdk.param.LinkTokenParams;

/** Link tokens, the exchange of public tokens ({@code /link/token/…}) and Link's settings. */
public final class LinkTokens extends ApiResource {

    /** Made by {@link dev.keybridge.sdk.Keybridge#linkTokens()}. */
    public LinkTokens(Requester requester) {
        super(requester);
    }

    /** A link token that opens Link (new connection or update mode). */
    public LinkToken create(LinkTokenParams params) {
        return create(params, RequestOptions.NONE);
    }

    /** {@link #create(LinkTokenParams)} with per-call options. */
    public LinkToken create(LinkTokenParams params, RequestOptions options) {
        return call("POST", "/link/token/create", null, params.toBody(), Safety.KEYED, options, LinkToken.class);
    }

    /** A link token for update mode: the end user repairs the connection of {@code accessToken}, which stays the same. */
    public LinkToken createForUpdate(String accessToken) {
        return create(LinkTokenParams.forUpdate(accessToken).build());
    }

    /** Link's settings in your environment: allowed redirect URIs and embedding origins. */
    public LinkSettings settings() {
        return call("GET", "/api/v2/public/link/settings", null, null, Safety.SAFE, RequestOptions.NONE,
                LinkSettings.class);
    }

    /** Replaces Link's settings (PUT: safe to retry). */
    public LinkSettings updateSettings(LinkSettings settings) {
        return call("PUT", "/api/v2/public/link/settings", null, settings, Safety.SAFE, RequestOptions.NONE,
                LinkSettings.class);
    }

    /** Exchanges a public token ({@code pt_…}, single-use) for the connection's permanent access token. */
    public AccessToken exchange(String publicToken) {
        return exchange(publicToken, RequestOptions.NONE);
    }

    /** {@link #exchange(String)} with per-call options. */
    public AccessToken exchange(String publicToken, RequestOptions options) {
        return call("POST", "/link/token/exchange", null, body("public_token", publicToken), Safety.KEYED, options,
                AccessToken.class);
    }
}
