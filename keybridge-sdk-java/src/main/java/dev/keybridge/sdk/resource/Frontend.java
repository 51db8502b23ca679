package dev.keybridge.sdk.resource;

import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.model.FrontendSettings;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import dev.keybridge.sdk.param.FrontendSettingsParams;

/**
 * The front-end settings of your environment ({@code /api/v2/public/frontend/settings}): the allow-list of the
 * web pages that may call Keybridge with a session token (docs/frontend.md §2). The session tokens themselves are
 * {@link SessionTokens}; the catalogue is {@link Applications#catalog()}.
 */
public final class Frontend extends ApiResource {

    private static final String PATH = "/api/v2/public/frontend/settings";

    /** Made by {@link dev.keybridge.sdk.Keybridge#frontend()}. */
    public Frontend(Requester requester) {
        super(requester);
    }

    /**
     * The environment's front-end settings.
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public FrontendSettings settings() {
        return settings(RequestOptions.NONE);
    }

    /**
     * {@link #settings()} with per-call options.
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public FrontendSettings settings(RequestOptions options) {
        return call("GET", PATH, null, null, Safety.SAFE, options, FrontendSettings.class);
    }

    /**
     * Replaces the origin allow-list (PUT: safe to retry); holds on every node from the next request.
     *
     * @throws InvalidRequestException naming the origin that is not {@code scheme://host[:port]}, or when there are
     *         more than 100
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public FrontendSettings updateSettings(FrontendSettingsParams params) {
        return updateSettings(params, RequestOptions.NONE);
    }

    /**
     * {@link #updateSettings(FrontendSettingsParams)} with per-call options.
     *
     * @throws InvalidRequestException naming the origin that is not {@code scheme://host[:port]}, or when there are
     *         more than 100
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public FrontendSettings updateSettings(FrontendSettingsParams params, RequestOptions options) {
        return call("PUT", PATH, null, params.toBody(), Safety.SAFE, options, FrontendSettings.class);
    }
}
