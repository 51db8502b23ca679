package dev.keybridge.sdk.resource;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.keybridge.sdk.Page;
import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.ConflictException;
import dev.keybridge.sdk.exception.IdempotencyException;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.ConnectionStatus;
import dev.keybridge.sdk.model.DeletedLinkedAccount;
import dev.keybridge.sdk.model.Disconnection;
import dev.keybridge.sdk.model.LinkedAccount;
import dev.keybridge.sdk.model.UpsertResult;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import dev.keybridge.sdk.net.TransportResponse;
import dev.keybridge.sdk.param.LinkedAccountListParams;
import dev.keybridge.sdk.param.LinkedAccountParams;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** Linked accounts ({@code /api/v2/public/linked-account}): your end users and what is stored against them. */
public final class LinkedAccounts extends ApiResource {

    private static final String PATH = "/api/v2/public/linked-account";

    /** Made by {@link dev.keybridge.sdk.Keybridge#linkedAccounts()}. */
    public LinkedAccounts(Requester requester) {
        super(requester);
    }

    /**
     * Creates or updates the account (PUT; safe to retry): fields not set are kept, removals are applied.
     *
     * @throws InvalidRequestException when a field is malformed (an empty id, a udf value that is not a scalar, …)
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public UpsertResult upsert(LinkedAccountParams params) {
        return upsert(params, RequestOptions.NONE);
    }

    /**
     * {@link #upsert(LinkedAccountParams)} with per-call options.
     *
     * @throws InvalidRequestException when a field is malformed (an empty id, a udf value that is not a scalar, …)
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public UpsertResult upsert(LinkedAccountParams params, RequestOptions options) {
        TransportResponse r = requester.send("PUT", PATH, null, params.toBody(), Safety.SAFE, options, false);
        LinkedAccount account;
        try {
            account = requester.json().readValue(r.body(), LinkedAccount.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable linked account", e);
        }
        String outcome = r.header("x-keybridge-result").orElse("updated");
        return new UpsertResult(account, UpsertResult.Outcome.valueOf(outcome.toUpperCase(Locale.ROOT)));
    }

    /**
     * Creates the account. Idempotent across retries.
     *
     * @throws ConflictException ({@code linked_account_exists}) when the id exists
     * @throws InvalidRequestException when a field is malformed
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public LinkedAccount create(LinkedAccountParams params) {
        return create(params, RequestOptions.NONE);
    }

    /**
     * {@link #create(LinkedAccountParams)} with per-call options (e.g. your own idempotency key).
     *
     * @throws ConflictException ({@code linked_account_exists}) when the id exists
     * @throws InvalidRequestException when a field is malformed
     * @throws IdempotencyException when your key was used for another request, or its first request is still running
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public LinkedAccount create(LinkedAccountParams params, RequestOptions options) {
        return call("POST", PATH, null, params.toBody(), Safety.KEYED, options, LinkedAccount.class);
    }

    /**
     * The account with your id {@code linkedAccountId}.
     *
     * @throws NotFoundException when there is none
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public LinkedAccount retrieve(String linkedAccountId) {
        return retrieve(linkedAccountId, RequestOptions.NONE);
    }

    /**
     * {@link #retrieve(String)} with per-call options.
     *
     * @throws NotFoundException when there is none
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public LinkedAccount retrieve(String linkedAccountId, RequestOptions options) {
        return call("GET", PATH + "/" + segment(linkedAccountId), null, null, Safety.SAFE, options,
                LinkedAccount.class);
    }

    /**
     * Deletes the account and everything stored against it (its session tokens stop working).
     *
     * @throws NotFoundException when there is none
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public DeletedLinkedAccount delete(String linkedAccountId) {
        return delete(linkedAccountId, RequestOptions.NONE);
    }

    /**
     * {@link #delete(String)} with per-call options.
     *
     * @throws NotFoundException when there is none
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public DeletedLinkedAccount delete(String linkedAccountId, RequestOptions options) {
        return call("DELETE", PATH + "/" + segment(linkedAccountId), null, null, Safety.SAFE, options,
                DeletedLinkedAccount.class);
    }

    /**
     * The first page of accounts (cursor mode, stable while accounts are added), or the page after
     * {@link LinkedAccountListParams.Builder#cursor(String) a saved cursor}.
     *
     * @throws InvalidRequestException when the limit is out of range or the cursor is not one of this list
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Page<LinkedAccount> list(LinkedAccountListParams params) {
        return list(params, RequestOptions.NONE);
    }

    /**
     * {@link #list(LinkedAccountListParams)} with per-call options (used for every page fetched).
     *
     * @throws InvalidRequestException when the limit is out of range or the cursor is not one of this list
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Page<LinkedAccount> list(LinkedAccountListParams params, RequestOptions options) {
        return list(PATH, params.toQuery(), LinkedAccount.class, options);
    }

    /**
     * The first page of all accounts, 10 per page.
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public Page<LinkedAccount> list() {
        return list(LinkedAccountListParams.builder().build());
    }

    /**
     * Every connection of the account, disconnected ones included, newest first.
     *
     * @throws NotFoundException when the account does not exist
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public List<ConnectionStatus> connections(String linkedAccountId) {
        return connections(linkedAccountId, RequestOptions.NONE);
    }

    /**
     * {@link #connections(String)} with per-call options.
     *
     * @throws NotFoundException when the account does not exist
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public List<ConnectionStatus> connections(String linkedAccountId, RequestOptions options) {
        return requester.request("GET", PATH + "/" + segment(linkedAccountId) + "/connections", null, null,
                Safety.SAFE, options, new TypeReference<List<ConnectionStatus>>() {});
    }

    /**
     * Disconnects one connection of the account (revoking at the provider where possible).
     *
     * @throws NotFoundException when the account has no such connection
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Disconnection disconnect(String linkedAccountId, String connectionId) {
        return disconnect(linkedAccountId, connectionId, RequestOptions.NONE);
    }

    /**
     * {@link #disconnect(String, String)} with per-call options.
     *
     * @throws NotFoundException when the account has no such connection
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Disconnection disconnect(String linkedAccountId, String connectionId, RequestOptions options) {
        return call("DELETE", PATH + "/" + segment(linkedAccountId) + "/connections/" + segment(connectionId), null,
                null, Safety.SAFE, options, Disconnection.class);
    }
}
