package dev.keybridge.sdk.resource;

import dev.keybridge.sdk.RequestOptions;
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

    /** Finds the config or creates it (safe to retry); labels sent replace the stored ones. */
    public Config findOrCreate(ConfigParams params) {
        return call("POST", PATH, null, params.toBody(), Safety.SAFE, account(params.linkedAccountId()), Config.class);
    }

    /**
     * Sets the values sent (safe to retry); what is not sent is kept. A value the schema does not allow is an
     * {@link dev.keybridge.sdk.exception.InvalidRequestException} naming the field, and nothing is written;
     * {@link dev.keybridge.sdk.exception.NotFoundException} ({@code config_not_found}) before {@link #findOrCreate}.
     */
    public Config update(ConfigUpdateParams params) {
        return call("PUT", PATH, null, params.toBody(), Safety.SAFE, account(params.linkedAccountId()), Config.class);
    }

    /** The default config of {@code linkedAccountId} for app {@code slug}. */
    public Config retrieve(String linkedAccountId, String slug) {
        return retrieve(linkedAccountId, slug, null);
    }

    /** The config {@code configId} (null: the default one) of {@code linkedAccountId} for app {@code slug}. */
    public Config retrieve(String linkedAccountId, String slug, @Nullable String configId) {
        return call("GET", path(slug, configId), null, null, Safety.SAFE, account(linkedAccountId), Config.class);
    }

    /** Deletes the default config of {@code linkedAccountId} for app {@code slug}. */
    public DeletedConfig delete(String linkedAccountId, String slug) {
        return delete(linkedAccountId, slug, null);
    }

    /** Deletes the config {@code configId} (null: the default one) of {@code linkedAccountId} for app {@code slug}. */
    public DeletedConfig delete(String linkedAccountId, String slug, @Nullable String configId) {
        return call("DELETE", path(slug, configId), null, null, Safety.SAFE, account(linkedAccountId), DeletedConfig.class);
    }

    private static String path(String slug, @Nullable String configId) {
        return "/api/v2/public/slug/" + segment(slug) + "/config" + (configId == null ? "" : "/" + segment(configId));
    }

    private static RequestOptions account(String linkedAccountId) {
        if (linkedAccountId == null || linkedAccountId.isBlank()) {
            throw new IllegalArgumentException("a linked account id is required");
        }
        return RequestOptions.builder().header("linked_account_id", linkedAccountId).build();
    }
}
