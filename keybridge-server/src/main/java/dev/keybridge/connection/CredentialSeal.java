package dev.keybridge.connection;

import dev.keybridge.tenancy.Environment;
import dev.keybridge.vault.SealedColumn;
import dev.keybridge.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Seals a connection's credentials (a JSON map) with AEAD bound to (org, environment, connection id), and opens them. */
@Component
public class CredentialSeal {

    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

    private final Vault vault;
    private final JsonMapper json;

    CredentialSeal(Vault vault, JsonMapper json) {
        this.vault = vault;
        this.json = json;
    }

    byte[] seal(String orgId, Environment env, String id, Map<String, String> credentials) {
        return vault.encrypt(json.writeValueAsString(credentials).getBytes(StandardCharsets.UTF_8), context(orgId, env.wire(), id));
    }

    Map<String, String> open(Connection c) {
        if (c.credentialCiphertext() == null) {
            return Map.of();
        }
        return json.readValue(vault.decrypt(c.credentialCiphertext(), context(c.orgId(), c.environment().wire(), c.id())), MAP);
    }

    private static byte[] context(String orgId, String env, String connectionId) {
        return Vault.context("connection.credentials", orgId, env, connectionId);
    }

    /** For master-key rotation: where these ciphertexts live and how their context is built. */
    @Bean
    static SealedColumn connectionCredentialsColumn() {
        return new SealedColumn("connection", "credential_ciphertext", List.of("id"), List.of("org_id", "environment"),
                r -> context(r.string("org_id"), r.string("environment"), r.string("id")));
    }
}
