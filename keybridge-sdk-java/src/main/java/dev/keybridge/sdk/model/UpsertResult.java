package dev.keybridge.sdk.model;

/**
 * The answer to an upsert: the account as it is now, and what the upsert did.
 *
 * @param account the linked account
 * @param outcome created, updated or unchanged (header {@code x-keybridge-result})
 */
public record UpsertResult(LinkedAccount account, Outcome outcome) {

    /** What an upsert did. */
    public enum Outcome {
        /** The account did not exist. */
        CREATED,
        /** Something changed; {@code __v} grew by one. */
        UPDATED,
        /** Nothing changed; the account is untouched. */
        UNCHANGED
    }
}
