package dev.keybridge.sdk.resource;

import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.model.SessionToken;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;

/** Session tokens for your front end ({@code POST /api/v2/public/session-token}). */
public final class SessionTokens extends ApiResource {

    /** Made by {@link dev.keybridge.sdk.Keybridge#sessionTokens()}. */
    public SessionTokens(Requester requester) {
        super(requester);
    }

    /** A session token for the linked account {@code linkedAccountId} (which must exist). */
    public SessionToken create(String linkedAccountId) {
        return create(linkedAccountId, RequestOptions.NONE);
    }

    /** {@link #create(String)} with per-call options. */
    public SessionToken create(String linkedAccountId, RequestOptions options) {
        return call("POST", "/api/v2/public/session-token", null, body("linked_account_id", linkedAccountId),
                Safety.KEYED, options, SessionToken.class);
    }
}
