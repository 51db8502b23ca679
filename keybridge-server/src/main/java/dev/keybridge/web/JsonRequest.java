package dev.keybridge.web;

/**
 * A typed request body. Each implementation reads itself from the JSON tree with a Jackson
 * delegating creator that validates through {@link JsonFields#body} (so unknown fields, wrong
 * types and over-long strings are refused with the field named, in the messages the API has
 * always given); an {@link ApiException} thrown there reaches {@link ApiExceptionHandler} as is.
 * Settings a creator needs (limits) come as {@code @JacksonInject} parameters ({@link JsonInjection}).
 */
public interface JsonRequest {}
