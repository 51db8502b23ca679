package dev.keybridge.sdk.resource;

import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.ReconnectLink;
import dev.keybridge.sdk.model.RepairInbox;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import dev.keybridge.sdk.param.ReconnectLinkParams;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The repair inbox ({@code /api/v2/public/repair}): the connections that need their end user; and reconnect links
 * ({@code /api/v2/public/reconnect-links}) for them, e-mailed by Keybridge or handed over by you.
 */
public final class Repair extends ApiResource {

    private static final String LINKS = "/api/v2/public/reconnect-links";

    /** Made by {@link dev.keybridge.sdk.Keybridge#repair()}. */
    public Repair(Requester requester) {
        super(requester);
    }

    /**
     * One page of the inbox. Every argument may be null: {@code state} ({@code login_required},
     * {@code pending_expiration}, {@code failing}), {@code app}, {@code limit} (1–200, default 50), {@code cursor}
     * (a page's {@code nextCursor}).
     *
     * @throws InvalidRequestException when a filter is refused
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public RepairInbox inbox(@Nullable String state, @Nullable String app, @Nullable Integer limit,
                             @Nullable String cursor) {
        Map<String, String> query = new LinkedHashMap<>();
        put(query, "state", state);
        put(query, "app", app);
        put(query, "limit", limit == null ? null : limit.toString());
        put(query, "cursor", cursor);
        return call("GET", "/api/v2/public/repair", query, null, Safety.SAFE, RequestOptions.NONE, RepairInbox.class);
    }

    /**
     * Makes a reconnect link (and e-mails it when the params say where). Idempotent across retries. Its
     * {@link ReconnectLink#url()} is in this answer only.
     *
     * @throws NotFoundException when the connection does not exist in this environment
     * @throws InvalidRequestException when a field is refused (nothing is made)
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public ReconnectLink createLink(ReconnectLinkParams params) {
        return call("POST", LINKS, null, params.toBody(), Safety.KEYED, RequestOptions.NONE, ReconnectLink.class);
    }

    /**
     * The link's URL again, with a new link token (the one handed out before stops working): for your own channel
     * after {@code reconnect_link.created}.
     *
     * @throws NotFoundException when there is no such link in this environment
     * @throws dev.keybridge.sdk.exception.ConflictException when the link is completed or expired
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public ReconnectLink url(String id) {
        return call("POST", LINKS + "/" + segment(id) + "/url", null, null, Safety.KEYED, RequestOptions.NONE,
                ReconnectLink.class);
    }

    /**
     * A reconnect link's state (without its URL).
     *
     * @throws NotFoundException when there is no such link in this environment
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public ReconnectLink retrieveLink(String id) {
        return call("GET", LINKS + "/" + segment(id), null, null, Safety.SAFE, RequestOptions.NONE, ReconnectLink.class);
    }

    /**
     * A connection's reconnect links, newest first (at most 50).
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public List<ReconnectLink> links(String connectionId) {
        return Arrays.asList(call("GET", LINKS, Map.of("connection_id", connectionId), null, Safety.SAFE,
                RequestOptions.NONE, ReconnectLink[].class));
    }

    private static void put(Map<String, String> query, String name, @Nullable String value) {
        if (value != null) {
            query.put(name, value);
        }
    }
}
