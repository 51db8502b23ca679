package dev.keybridge.sdk.model;

/**
 * The answer to deleting an object such as a webhook endpoint.
 *
 * @param success true
 * @param id      the deleted object
 */
public record DeletedObject(boolean success, String id) {}
