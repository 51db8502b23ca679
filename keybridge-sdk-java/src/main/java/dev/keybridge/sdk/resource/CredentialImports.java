package dev.keybridge.sdk.resource;

import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.ConflictException;
import dev.keybridge.sdk.exception.IdempotencyException;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.model.ImportedCredential;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import dev.keybridge.sdk.param.CredentialImportParams;

/**
 * Credential import ({@code PUT /api/v2/public/migrate-token}): moves credentials your end users already
 * granted elsewhere into Keybridge connections, so they need not reconnect. Keybridge checks them with
 * the app first: a refused import is an {@link dev.keybridge.sdk.exception.InvalidRequestException}
 * ({@code invalid_credentials}, {@code cannot_verify}, {@code invalid_grant}, …) and stores nothing; an
 * account already connected to the app is a {@link dev.keybridge.sdk.exception.ConflictException}
 * ({@code connection_exists}). Each import carries an {@code Idempotency-Key}, so a retried one imports once.
 */
public final class CredentialImports extends ApiResource {

    private static final String PATH = "/api/v2/public/migrate-token";

    /** Made by {@link dev.keybridge.sdk.Keybridge#credentialImports()}. */
    public CredentialImports(Requester requester) {
        super(requester);
    }

    /**
     * Imports the credentials; the answer holds the new connection and its access token.
     *
     * @throws InvalidRequestException when the app refuses them or they cannot be checked (nothing is stored)
     * @throws ConflictException ({@code connection_exists}) when the account is already connected to the app
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public ImportedCredential create(CredentialImportParams params) {
        return create(params, RequestOptions.NONE);
    }

    /**
     * {@link #create(CredentialImportParams)} with per-call options (e.g. your own idempotency key).
     *
     * @throws InvalidRequestException when the app refuses them or they cannot be checked (nothing is stored)
     * @throws ConflictException ({@code connection_exists}) when the account is already connected to the app
     * @throws IdempotencyException when your key was used for another import, or its first import is still running
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public ImportedCredential create(CredentialImportParams params, RequestOptions options) {
        return call("PUT", PATH, null, params.toBody(), Safety.KEYED, options, ImportedCredential.class);
    }
}
