package dev.keybridge.session;

import dev.keybridge.tenancy.Environment;
import dev.keybridge.vault.SealedColumn;
import dev.keybridge.vault.Vault;
import dev.keybridge.web.Ids;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One HS256 key per organization and environment, created on first use, stored encrypted, and
 * cached (keys never change, so every node may cache them forever).
 */
@Component
class SigningKeys {

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    SigningKeys(JdbcClient jdbc, Vault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /** The key, creating it if the organization has none yet. */
    byte[] forSigning(String orgId, Environment env) {
        return find(orgId, env).orElseGet(() -> {
            byte[] context = context(orgId, env.wire());
            jdbc.sql("""
                    insert into environment_signing_key (org_id, environment, key_ciphertext) values (?, ?, ?)
                    on conflict do nothing""")
                    .params(orgId, env.wire(), vault.encrypt(Ids.randomBytes(32), context))
                    .update();
            return find(orgId, env).orElseThrow();
        });
    }

    /** The key if the organization exists and has one. */
    Optional<byte[]> find(String orgId, Environment env) {
        String cacheKey = orgId + "|" + env.wire();
        byte[] cached = cache.get(cacheKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<byte[]> stored = jdbc.sql("select key_ciphertext from environment_signing_key where org_id = ? and environment = ?")
                .params(orgId, env.wire()).query(byte[].class).optional()
                .map(c -> vault.decrypt(c, context(orgId, env.wire())));
        stored.ifPresent(key -> cache.put(cacheKey, key));
        return stored;
    }

    private static byte[] context(String orgId, String env) {
        return Vault.context("signing_key", orgId, env);
    }

    /** For master-key rotation: where these ciphertexts live and how their context is built. */
    @Bean
    static SealedColumn signingKeyColumn() {
        return new SealedColumn("environment_signing_key", "key_ciphertext",
                List.of("org_id", "environment"), List.of(),
                r -> context(r.string("org_id"), r.string("environment")));
    }
}
