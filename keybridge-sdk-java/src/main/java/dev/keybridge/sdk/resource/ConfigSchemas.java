package dev.keybridge.sdk.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.exception.NotFoundException;
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

    /**
     * The slugs of the apps that have a schema in this environment.
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public List<String> list() {
        return list(RequestOptions.NONE);
    }

    /**
     * {@link #list()} with per-call options.
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public List<String> list(RequestOptions options) {
        JsonNode body = call("GET", PATH, null, null, Safety.SAFE, options, JsonNode.class);
        List<String> slugs = new ArrayList<>();
        body.path("slugs").forEach(s -> slugs.add(s.asText()));
        return slugs;
    }

    /**
     * The schema of app {@code slug}.
     *
     * @throws NotFoundException when the app has none
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public ConfigSchema retrieve(String slug) {
        return retrieve(slug, RequestOptions.NONE);
    }

    /**
     * {@link #retrieve(String)} with per-call options.
     *
     * @throws NotFoundException when the app has none
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public ConfigSchema retrieve(String slug, RequestOptions options) {
        return call("GET", PATH + "/" + segment(slug), null, null, Safety.SAFE, options, ConfigSchema.class);
    }

    /**
     * Sets (replaces) the schema of app {@code slug} (PUT; safe to retry).
     *
     * @throws InvalidRequestException naming the place when the schema is malformed (the stored one stays)
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public ConfigSchema update(String slug, ConfigSchemaParams params) {
        return update(slug, params, RequestOptions.NONE);
    }

    /**
     * {@link #update(String, ConfigSchemaParams)} with per-call options.
     *
     * @throws InvalidRequestException naming the place when the schema is malformed (the stored one stays)
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public ConfigSchema update(String slug, ConfigSchemaParams params, RequestOptions options) {
        return call("PUT", PATH + "/" + segment(slug), null, params.toBody(), Safety.SAFE, options, ConfigSchema.class);
    }

    /**
     * Deletes the schema of app {@code slug}.
     *
     * @throws NotFoundException when the app has none
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public DeletedConfigSchema delete(String slug) {
        return delete(slug, RequestOptions.NONE);
    }

    /**
     * {@link #delete(String)} with per-call options.
     *
     * @throws NotFoundException when the app has none
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public DeletedConfigSchema delete(String slug, RequestOptions options) {
        return call("DELETE", PATH + "/" + segment(slug), null, null, Safety.SAFE, options, DeletedConfigSchema.class);
    }
}
