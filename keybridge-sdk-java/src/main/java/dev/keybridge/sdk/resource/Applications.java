package dev.keybridge.sdk.resource;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.model.AppSettings;
import dev.keybridge.sdk.model.Application;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import dev.keybridge.sdk.param.AppSettingsParams;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Apps enabled in your environment ({@code /api/v2/public/application}), with {@code connected} and
 * {@code reauth_required} for one linked account when you name it, and each app's settings (enable it,
 * set your OAuth client). An app's configurations are {@link ConfigSchemas} and {@link Configurations};
 * bringing existing grants is {@link CredentialImports}.
 */
public final class Applications extends ApiResource {

    private static final String PATH = "/api/v2/public/application";

    /** Made by {@link dev.keybridge.sdk.Keybridge#applications()}. */
    public Applications(Requester requester) {
        super(requester);
    }

    /** Every enabled app. */
    public List<Application> list() {
        return list(null);
    }

    /** Every enabled app, with its state for {@code linkedAccountId} (null: none). */
    public List<Application> list(@Nullable String linkedAccountId) {
        return requester.request("GET", PATH, null, null, Safety.SAFE, forAccount(linkedAccountId),
                new TypeReference<List<Application>>() {});
    }

    /** One app, with its state for {@code linkedAccountId} (null: none). */
    public Application retrieve(String slug, @Nullable String linkedAccountId) {
        return call("GET", PATH + "/" + segment(slug), null, null, Safety.SAFE, forAccount(linkedAccountId),
                Application.class);
    }

    /** The app's settings in your environment (enabled, OAuth client id, whether a secret is set). */
    public AppSettings settings(String slug) {
        return call("GET", PATH + "/" + segment(slug) + "/settings", null, null, Safety.SAFE, RequestOptions.NONE,
                AppSettings.class);
    }

    /** Enables or disables the app and sets your OAuth client (PUT: safe to retry). */
    public AppSettings updateSettings(String slug, AppSettingsParams params) {
        return call("PUT", PATH + "/" + segment(slug) + "/settings", null, params.toBody(), Safety.SAFE,
                RequestOptions.NONE, AppSettings.class);
    }

    private static RequestOptions forAccount(@Nullable String linkedAccountId) {
        return linkedAccountId == null ? RequestOptions.NONE
                : RequestOptions.builder().header("linked_account_id", linkedAccountId).build();
    }
}
