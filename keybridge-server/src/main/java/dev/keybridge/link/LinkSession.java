package dev.keybridge.link;

import dev.keybridge.tenancy.Environment;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * One Link flow. {@code view} is what the current page shows (never secret); {@code secret} is the
 * AEAD ciphertext of what must not leak (the connector's state, the browser handle, in update mode
 * the access token).
 */
record LinkSession(
        String id,
        String orgId,
        Environment environment,
        String linkedAccountId,
        String endUserOrgId,
        Mode mode,
        String connectionId,
        String appSlug,
        boolean fixedApp,
        String redirectUri,
        String embedOrigin,
        String display,
        State step,
        String viewJson,
        byte[] secret,
        Instant expiresAt,
        Instant openedAt,
        /* begun by the browser SDK with a session token: no public token, connection.created at once */
        boolean frontend,
        String language,
        int stepSeq,
        Instant windowClosedAt) {

    enum Mode { CREATE, UPDATE }

    /**
     * Where a flow is. {@code created} → (opened) {@code picking} or {@code form} → {@code form} (again,
     * with an error) / {@code authorizing} (OAuth2 redirect out) / {@code challenge} (as many times as the
     * connector asks) → {@code succeeded} or {@code failed}; any open state → {@code exited}. The moves
     * allowed are the table in {@link LinkEvent}.
     */
    enum State {
        CREATED, PICKING, FORM, AUTHORIZING, CHALLENGE, SUCCEEDED, FAILED, EXITED;

        /** This run of the flow ended (only {@link LinkEvent#REOPEN}, a new open of the token, leaves it). */
        boolean terminal() {
            return Arrays.stream(LinkEvent.values()).filter(e -> e != LinkEvent.REOPEN)
                    .noneMatch(e -> e.allowedFrom(this));
        }

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State fromWire(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }
}
