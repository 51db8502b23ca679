package dev.keybridge.sdk.resource;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.AppSettings;
import dev.keybridge.sdk.model.Application;
import dev.keybridge.sdk.model.Catalog;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import dev.keybridge.sdk.param.AppSettingsParams;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Apps enabled in your environment ({@code /api/v2/public/application}), with {@code connected} and
 * {@code reauth_required} for one linked account when you name it, each app's settings (enable it,
 * set your OAuth client), and the whole catalogue to choose from ({@code /api/v2/public/catalog}). An app's
 * configurations are {@link ConfigSchemas} and {@link Configurations}; bringing existing grants is
 * {@link CredentialImports}.
 */
public final class Applications extends ApiResource {

    private static final String PATH = "/api/v2/public/application";

    /** Made by {@link dev.keybridge.sdk.Keybridge#applications()}. */
    public Applications(Requester requester) {
        super(requester);
    }

    /**
     * Every enabled app.
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public List<Application> list() {
        return list(null);
    }

    /**
     * Every enabled app, with its state for {@code linkedAccountId} (null: none).
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public List<Application> list(@Nullable String linkedAccountId) {
        return list(linkedAccountId, RequestOptions.NONE);
    }

    /**
     * {@link #list(String)} with per-call options.
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public List<Application> list(@Nullable String linkedAccountId, @Nullable RequestOptions options) {
        return requester.request("GET", PATH, null, null, Safety.SAFE, forAccount(options, linkedAccountId),
                new TypeReference<List<Application>>() {});
    }

    /**
     * One app, with its state for {@code linkedAccountId} (null: none).
     *
     * @throws NotFoundException when no enabled app has this slug
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Application retrieve(String slug, String linkedAccountId) {
        return retrieve(slug, linkedAccountId, RequestOptions.NONE);
    }

    /**
     * {@link #retrieve(String, String)} with per-call options.
     *
     * @throws NotFoundException when no enabled app has this slug
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Application retrieve(String slug, String linkedAccountId, RequestOptions options) {
        return call("GET", PATH + "/" + segment(slug), null, null, Safety.SAFE, forAccount(options, linkedAccountId),
                Application.class);
    }

    /**
     * The app's settings in your environment (enabled, OAuth client id, whether a secret is set).
     *
     * @throws NotFoundException when the catalogue has no app with this slug
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public AppSettings settings(String slug) {
        return settings(slug, RequestOptions.NONE);
    }

    /**
     * {@link #settings(String)} with per-call options.
     *
     * @throws NotFoundException when the catalogue has no app with this slug
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public AppSettings settings(String slug, RequestOptions options) {
        return call("GET", PATH + "/" + segment(slug) + "/settings", null, null, Safety.SAFE, options,
                AppSettings.class);
    }

    /**
     * Enables or disables the app and sets your OAuth client (PUT: safe to retry).
     *
     * @throws NotFoundException when the catalogue has no app with this slug
     * @throws InvalidRequestException when a field is malformed
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public AppSettings updateSettings(String slug, AppSettingsParams params) {
        return updateSettings(slug, params, RequestOptions.NONE);
    }

    /**
     * {@link #updateSettings(String, AppSettingsParams)} with per-call options.
     *
     * @throws NotFoundException when the catalogue has no app with this slug
     * @throws InvalidRequestException when a field is malformed
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public AppSettings updateSettings(String slug, AppSettingsParams params, RequestOptions options) {
        return call("PUT", PATH + "/" + segment(slug) + "/settings", null, params.toBody(), Safety.SAFE, options,
                AppSettings.class);
    }

    /**
     * The catalogue: every app Keybridge offers in your environment, enabled or not.
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public Catalog catalog() {
        return catalog(RequestOptions.NONE);
    }

    /**
     * {@link #catalog()} with per-call options.
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public Catalog catalog(RequestOptions options) {
        return call("GET", "/api/v2/public/catalog", null, null, Safety.SAFE, options, Catalog.class);
    }

    private static @Nullable RequestOptions forAccount(@Nullable RequestOptions options, @Nullable String linkedAccountId) {
        return linkedAccountId == null ? options : withHeader(options, "linked_account_id", linkedAccountId);
    }
}
