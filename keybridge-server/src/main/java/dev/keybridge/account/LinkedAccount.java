package dev.keybridge.account;

import dev.keybridge.tenancy.Environment;
import java.time.Instant;
import java.util.List;

/**
 * An end user of one of our users, known by the caller's own id ({@code externalId}, the wire's
 * {@code linked_account_id}). {@code version} is the wire's {@code __v}.
 */
public record LinkedAccount(
        String id,
        String orgId,
        Environment environment,
        String externalId,
        String name,
        List<UdfEntry> udf,
        YourApp yourApp,
        Instant createdAt,
        Instant updatedAt,
        int version) {

    /** The caller's own app settings; the credentials only as ciphertext and the names of their keys. */
    public record YourApp(String appId, byte[] credentialsCiphertext, List<String> credentialKeys) {}
}
