package dev.keybridge.sdk.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.model.ConfigSchema;
import dev.keybridge.sdk.model.DeletedConfigSchema;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import dev.keybridge.sdk.param.ConfigSchemaParams;
import java.util.ArrayList;
import java.util.List;

/**
 * Config schemas ({@code /api/v2/public/config-schema}): per app and environment, what your end
 * users' {@link Configurations configurations} hold (fields and workflow toggles).
 */
public final class ConfigSchemas extends ApiResource {

    private static final String PATH = "/api/v2/public/config-schema";

    /** Made by {@link dev.keybridge.sdk.Keybridge#configSchemas()}. */
    public ConfigSchemas(Requester requester) {
        super(requester);
    }

    /** The slugs of the apps that have a schema in this environment. */
    public List<String> list() {
        JsonNode body = call("GET", PATH, null, null, Safety.SAFE, RequestOptions.NONE, JsonNode.class);
        List<String> slugs = new ArrayList<>();
        body.path("slugs").forEach(s -> slugs.add(s.asText()));
        return slugs;
    }

    /** The schema of app {@code slug}; {@link dev.keybridge.sdk.exception.NotFoundException} when it has none. */
    public ConfigSchema retrieve(String slug) {
        return call("GET", PATH + "/" + segment(slug), null, null, Safety.SAFE, RequestOptions.NONE, ConfigSchema.class);
    }

    /**
     * Sets (replaces) the schema of app {@code slug} (PUT; safe to retry). A malformed schema is an
     * {@link dev.keybridge.sdk.exception.InvalidRequestException} naming the place, and the stored one stays.
     */
    public ConfigSchema update(String slug, ConfigSchemaParams params) {
        return call("PUT", PATH + "/" + segment(slug), null, params.toBody(), Safety.SAFE, RequestOptions.NONE,
                ConfigSchema.class);
    }

    /** Deletes the schema of app {@code slug}; {@link dev.keybridge.sdk.exception.NotFoundException} when it has none. */
    public DeletedConfigSchema delete(String slug) {
        return call("DELETE", PATH + "/" + segment(slug), null, null, Safety.SAFE, RequestOptions.NONE,
                DeletedConfigSchema.class);
    }
}
