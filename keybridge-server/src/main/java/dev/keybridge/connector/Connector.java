package dev.keybridge.connector;

import java.util.Map;

/**
 * How Keybridge links an end user's account at one kind of system. Built-ins: {@code oauth2},
 * {@code keybased}, {@code sandbox-ehr}; an operator adds more by dropping a jar that declares
 * implementations in {@code META-INF/services/dev.keybridge.connector.Connector} into
 * {@code KEYBRIDGE_CONNECTORS_DIR}.
 *
 * <p>A connector is stateless and never touches the database: everything it needs to resume a
 * flow is in the {@link Step}'s {@code state}, which Link stores encrypted and hands back on the
 * next call. Credentials it returns are stored encrypted by Keybridge.
 */
public interface Connector {

    /** The name apps use in the catalog's {@code connector} field. */
    String name();

    /** Begins linking. {@code input} holds what the first form collected (empty for OAuth2). */
    Step start(ConnectorContext context, Map<String, String> input);

    /**
     * Continues a flow: the answer to a {@link Step.Challenge}, or for OAuth2 the parameters of the
     * callback ({@code code}, {@code error}, …). {@code state} is the state of the previous step.
     */
    Step answer(ConnectorContext context, Map<String, String> state, Map<String, String> answers);

    /**
     * Begins repairing a connection from its stored credentials and the reason it failed (e.g.
     * {@code otp_expired}, {@code password_expired}, {@code consent_revoked}); returns the smallest
     * step that fixes it. The default starts over.
     */
    default Step reauthenticate(ConnectorContext context, Map<String, String> credentials, String reason) {
        return start(context, Map.of());
    }

    /** Whether the stored credentials still log in. The default cannot tell. */
    default Check check(ConnectorContext context, Map<String, String> credentials) {
        return Check.UNKNOWN;
    }

    enum Check { WORKS, LOGIN_REQUIRED, UNKNOWN }
}
