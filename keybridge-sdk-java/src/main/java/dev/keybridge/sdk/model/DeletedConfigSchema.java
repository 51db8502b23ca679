package dev.keybridge.sdk.model;

/**
 * The answer to deleting an app's config schema.
 *
 * @param success true
 * @param slug    the app
 */
public record DeletedConfigSchema(boolean success, String slug) {}
