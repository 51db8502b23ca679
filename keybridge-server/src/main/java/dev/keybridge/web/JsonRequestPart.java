package dev.keybridge.web;

/**
 * An object nested in a typed request body ({@link JsonRequest}), read against its record with
 * {@link JsonFields#at(tools.jackson.databind.JsonNode, String, Class, dev.keybridge.config.KeybridgeSettings.Limits)}:
 * its schema is a request's (closed; required only what {@code @Schema(requiredMode)} says; a required string
 * not empty), never an answer's (where every member written is required).
 */
public interface JsonRequestPart {}
