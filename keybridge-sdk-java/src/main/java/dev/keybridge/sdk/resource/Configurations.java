package dev.keybridge.sdk.resource;

import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.Config;
import dev.keybridge.sdk.model.DeletedConfig;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import dev.keybridge.sdk.param.ConfigParams;
import dev.keybridge.sdk.param.ConfigUpdateParams;
import org.jspecify.annotations.Nullable;

/**
 * Your end users' configurations ({@code /api/v2/public/config}): one per linked account x app x config
 * id, holding the values of the app's {@link ConfigSchemas config schema}. The linked account is sent in
 * the {@code linked_account_id} header. Every change emits {@code config.updated} or {@code config.deleted}.
 */
public final class Configurations extends ApiResource {

    private static final String PATH = "/api/v2/public/config";

    /** Made by {@link dev.keybridge.sdk.Keybridge#configurations()}. */
    public Configurations(Requester requester) {
        super(requester);
    }

    /**
     * Finds the config or creates it (safe to retry); labels sent replace the stored ones.
     *
     * @throws NotFoundException when the linked account or the app's schema does not exist
     * @throws InvalidRequestException when a field is malformed
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Config findOrCreate(ConfigParams params) {
        return findOrCreate(params, RequestOptions.NONE);
    }

    /**
     * {@link #findOrCreate(ConfigParams)} with per-call options.
     *
     * @throws NotFoundException when the linked account or the app's schema does not exist
     * @throws InvalidRequestException when a field is malformed
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Config findOrCreate(ConfigParams params, RequestOptions options) {
        return call("POST", PATH, null, params.toBody(), Safety.SAFE, account(options, params.linkedAccountId()),
                Config.class);
    }

    /**
     * Sets the values sent (safe to retry); what is not sent is kept.
     *
     * @throws InvalidRequestException naming the field when a value is one the schema does not allow (nothing is
     *         written)
     * @throws NotFoundException ({@code config_not_found}) before {@link #findOrCreate}
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Config update(ConfigUpdateParams params) {
        return update(params, RequestOptions.NONE);
    }

    /**
     * {@link #update(ConfigUpdateParams)} with per-call options.
     *
     * @throws InvalidRequestException naming the field when a value is one the schema does not allow (nothing is
     *         written)
     * @throws NotFoundException ({@code config_not_found}) before {@link #findOrCreate}
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Config update(ConfigUpdateParams params, RequestOptions options) {
        return call("PUT", PATH, null, params.toBody(), Safety.SAFE, account(options, params.linkedAccountId()),
                Config.class);
    }

    /**
     * The default config of {@code linkedAccountId} for app {@code slug}.
     *
     * @throws NotFoundException when there is none
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Config retrieve(String linkedAccountId, String slug) {
        return retrieve(linkedAccountId, slug, null);
    }

    /**
     * The config {@code configId} (null: the default one) of {@code linkedAccountId} for app {@code slug}.
     *
     * @throws NotFoundException when there is none
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Config retrieve(String linkedAccountId, String slug, @Nullable String configId) {
        return retrieve(linkedAccountId, slug, configId, RequestOptions.NONE);
    }

    /**
     * {@link #retrieve(String, String, String)} with per-call options.
     *
     * @throws NotFoundException when there is none
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Config retrieve(String linkedAccountId, String slug, @Nullable String configId,
                           @Nullable RequestOptions options) {
        return call("GET", path(slug, configId), null, null, Safety.SAFE, account(options, linkedAccountId),
                Config.class);
    }

    /**
     * Deletes the default config of {@code linkedAccountId} for app {@code slug}.
     *
     * @throws NotFoundException when there is none
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public DeletedConfig delete(String linkedAccountId, String slug) {
        return delete(linkedAccountId, slug, null);
    }

    /**
     * Deletes the config {@code configId} (null: the default one) of {@code linkedAccountId} for app {@code slug}.
     *
     * @throws NotFoundException when there is none
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public DeletedConfig delete(String linkedAccountId, String slug, @Nullable String configId) {
        return delete(linkedAccountId, slug, configId, RequestOptions.NONE);
    }

    /**
     * {@link #delete(String, String, String)} with per-call options.
     *
     * @throws NotFoundException when there is none
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public DeletedConfig delete(String linkedAccountId, String slug, @Nullable String configId,
                                @Nullable RequestOptions options) {
        return call("DELETE", path(slug, configId), null, null, Safety.SAFE, account(options, linkedAccountId),
                DeletedConfig.class);
    }

    private static String path(String slug, @Nullable String configId) {
        return "/api/v2/public/slug/" + segment(slug) + "/config" + (configId == null ? "" : "/" + segment(configId));
    }

    private static RequestOptions account(@Nullable RequestOptions options, String linkedAccountId) {
        if (linkedAccountId == null || linkedAccountId.isBlank()) {
            throw new IllegalArgumentException("a linked account id is required");
        }
        return withHeader(options, "linked_account_id", linkedAccountId);
    }
}
