package dev.keybridge.link;

import dev.keybridge.tenancy.Environment;
import dev.keybridge.vault.SealedColumn;
import dev.keybridge.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a Link session keeps sealed: the browser handle, the connector's state and (update mode) the
 * access token; and the public token kept for an embedding page that lost its {@code window.opener}.
 * Both are AEAD-bound to (org, environment, session id).
 */
@Component
class SessionSecrets {

    /**
     * The sealed part of a session. {@code fields}: connection fields handed over when the Link was made
     * (the browser SDK's {@code integrate} parameters, e.g. a subdomain), kept for the whole flow and
     * stored with the connection. {@code scopes}: update mode asking for more scopes: all the grant is
     * to hold (the connection's and the new ones); empty: the app's own.
     */
    record Secret(String handle, Map<String, String> state, String accessToken, Map<String, String> fields,
                  List<String> scopes) {
        Secret {
            state = state == null ? Map.of() : state;
            fields = fields == null ? Map.of() : fields;
            scopes = scopes == null ? List.of() : scopes;
        }

        Secret(String handle, Map<String, String> state, String accessToken) {
            this(handle, state, accessToken, Map.of(), List.of());
        }

        static final Secret NONE = new Secret(null, Map.of(), null);

        Secret withState(Map<String, String> next) {
            return new Secret(handle, next, accessToken, fields, scopes);
        }

        /** The same secret for a new browser handle (the token was opened, or opened again). */
        Secret forHandle(String newHandle, Map<String, String> newState) {
            return new Secret(newHandle, newState, accessToken, fields, scopes);
        }
    }

    private final Vault vault;
    private final JsonMapper json;

    SessionSecrets(Vault vault, JsonMapper json) {
        this.vault = vault;
        this.json = json;
    }

    byte[] seal(String sessionId, String orgId, Environment env, Secret secret) {
        return secret == null ? null : vault.encrypt(json.writeValueAsBytes(secret), secretContext(orgId, env.wire(), sessionId));
    }

    Secret open(LinkSession s) {
        if (s.secret() == null) {
            return Secret.NONE;
        }
        return json.readValue(vault.decrypt(s.secret(), secretContext(s.orgId(), s.environment().wire(), s.id())), Secret.class);
    }

    byte[] sealResult(LinkSession s, String publicToken) {
        return vault.encrypt(publicToken.getBytes(StandardCharsets.UTF_8), resultContext(s.orgId(), s.environment().wire(), s.id()));
    }

    String openResult(LinkSession s, byte[] sealed) {
        return new String(vault.decrypt(sealed, resultContext(s.orgId(), s.environment().wire(), s.id())), StandardCharsets.UTF_8);
    }

    private static byte[] secretContext(String orgId, String env, String sessionId) {
        return Vault.context("link_session.secret", orgId, env, sessionId);
    }

    private static byte[] resultContext(String orgId, String env, String sessionId) {
        return Vault.context("link_session.result", orgId, env, sessionId);
    }

    /** For master-key rotation: where these ciphertexts live and how their context is built. */
    @Bean
    static SealedColumn linkSecretColumn() {
        return new SealedColumn("link_session", "secret_ciphertext", List.of("id"), List.of("org_id", "environment"),
                r -> secretContext(r.string("org_id"), r.string("environment"), r.string("id")));
    }

    @Bean
    static SealedColumn linkResultColumn() {
        return new SealedColumn("link_session", "result_ciphertext", List.of("id"), List.of("org_id", "environment"),
                r -> resultContext(r.string("org_id"), r.string("environment"), r.string("id")));
    }
}
