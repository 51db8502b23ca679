package dev.keybridge.sdk.model;

/**
 * A choice of a select or multiselect field, or a label a config was created with.
 *
 * @param name  what the end user sees
 * @param value a String or a Number
 */
public record ConfigOption(String name, Object value) {}
