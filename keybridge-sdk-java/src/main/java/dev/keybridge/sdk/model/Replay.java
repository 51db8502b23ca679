package dev.keybridge.sdk.model;

/**
 * The answer to a replay.
 *
 * @param success    true
 * @param deliveries how many events were queued again
 * @param limit      the most one replay queues
 */
public record Replay(boolean success, int deliveries, int limit) {}
