package dev.keybridge.sdk.resource;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.keybridge.sdk.Page;
import dev.keybridge.sdk.RequestOptions;
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

    /** Creates or updates the account (PUT; safe to retry): fields not set are kept, removals are applied. */
    public UpsertResult upsert(LinkedAccountParams params) {
        return upsert(params, RequestOptions.NONE);
    }

    /** {@link #upsert(LinkedAccountParams)} with per-call options. */
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

    /** Creates the account; {@link dev.keybridge.sdk.exception.ConflictException} if the id exists. Idempotent across retries. */
    public LinkedAccount create(LinkedAccountParams params) {
        return create(params, RequestOptions.NONE);
    }

    /** {@link #create(LinkedAccountParams)} with per-call options (e.g. your own idempotency key). */
    public LinkedAccount create(LinkedAccountParams params, RequestOptions options) {
        return call("POST", PATH, null, params.toBody(), Safety.KEYED, options, LinkedAccount.class);
    }

    /** The account with your id {@code linkedAccountId}. */
    public LinkedAccount retrieve(String linkedAccountId) {
        return call("GET", PATH + "/" + segment(linkedAccountId), null, null, Safety.SAFE, RequestOptions.NONE,
                LinkedAccount.class);
    }

    /** Deletes the account and everything stored against it. */
    public DeletedLinkedAccount delete(String linkedAccountId) {
        return call("DELETE", PATH + "/" + segment(linkedAccountId), null, null, Safety.SAFE, RequestOptions.NONE,
                DeletedLinkedAccount.class);
    }

    /** The first page of accounts (cursor mode, stable while accounts are added). */
    public Page<LinkedAccount> list(LinkedAccountListParams params) {
        return list(PATH, params.toQuery(), LinkedAccount.class, RequestOptions.NONE);
    }

    /** The first page of all accounts, 10 per page. */
    public Page<LinkedAccount> list() {
        return list(LinkedAccountListParams.builder().build());
    }

    /** Every connection of the account, disconnected ones included, newest first. */
    public List<ConnectionStatus> connections(String linkedAccountId) {
        return requester.request("GET", PATH + "/" + segment(linkedAccountId) + "/connections", null, null,
                Safety.SAFE, RequestOptions.NONE, new TypeReference<List<ConnectionStatus>>() {});
    }

    /** Disconnects one connection of the account (revoking at the provider where possible). */
    public Disconnection disconnect(String linkedAccountId, String connectionId) {
        return call("DELETE", PATH + "/" + segment(linkedAccountId) + "/connections/" + segment(connectionId), null,
                null, Safety.SAFE, RequestOptions.NONE, Disconnection.class);
    }
}
