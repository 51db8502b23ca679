package dev.keybridge.sandbox;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.tenancy.Secrets;
import dev.keybridge.web.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox OAuth2 provider's grants: authorization codes (with PKCE), access tokens and rotating
 * refresh tokens, all stored hashed in PostgreSQL so any node can answer.
 */
@Service
public class SandboxOAuthProvider {

    public static final String CLIENT_ID = "keybridge-sandbox";
    public static final String CLIENT_SECRET = "keybridge-sandbox-secret";

    /** A token endpoint answer: the JSON body, or an OAuth error code. */
    public record TokenResult(Map<String, Object> body, String error) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final KeybridgeSettings.Sandbox settings;
    private final Clock clock;

    SandboxOAuthProvider(JdbcClient jdbc, TransactionTemplate tx, KeybridgeSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = tx;
        this.settings = settings.sandbox();
    }

    public static boolean validClient(String id, String secret) {
        return CLIENT_ID.equals(id) && secret != null
                && MessageDigest.isEqual(Secrets.hash(CLIENT_SECRET), Secrets.hash(secret));
    }

    /** Approves an authorization request; returns the code. */
    public String approve(String redirectUri, String scope, String codeChallenge) {
        String code = "sbc_" + Ids.random(32);
        jdbc.sql("insert into sandbox_oauth_grant (id, client_id, redirect_uri, scope, code_hash, code_challenge, code_expires_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params("sg_" + Ids.objectId(), CLIENT_ID, redirectUri, scope, Secrets.hash(code), codeChallenge,
                        Timestamp.from(clock.instant().plus(settings.codeTtl())))
                .update();
        return code;
    }

    public TokenResult exchangeCode(String code, String redirectUri, String verifier) {
        return tx.execute(s -> {
            var row = jdbc.sql("update sandbox_oauth_grant set code_hash = null where code_hash = ? and code_expires_at > ? "
                            + "and not revoked returning id, redirect_uri, code_challenge, scope")
                    .params(Secrets.hash(code == null ? "" : code), Timestamp.from(clock.instant()))
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                    .optional();
            if (row.isEmpty() || !row.get()[1].equals(redirectUri)) {
                return new TokenResult(null, "invalid_grant");
            }
            String challenge = row.get()[2];
            if (challenge != null && (verifier == null || !challenge.equals(s256(verifier)))) {
                return new TokenResult(null, "invalid_grant");
            }
            return issue(row.get()[0], row.get()[3]);
        });
    }

    /** Uses a refresh token once: the old one stops working and a new pair is returned (rotation). */
    public TokenResult refresh(String refreshToken) {
        return tx.execute(s -> {
            var row = jdbc.sql("select id, scope from sandbox_oauth_grant where refresh_token_hash = ? "
                            + "and refresh_expires_at > ? and not revoked for update")
                    .params(Secrets.hash(refreshToken == null ? "" : refreshToken), Timestamp.from(clock.instant()))
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
            if (row.isEmpty()) {
                return new TokenResult(null, "invalid_grant");
            }
            return issue(row.get()[0], row.get()[1]);
        });
    }

    /** A grant made without a browser (sandbox public_token/create). */
    public Map<String, Object> grantDirectly(String scope) {
        return tx.execute(s -> {
            String id = "sg_" + Ids.objectId();
            jdbc.sql("insert into sandbox_oauth_grant (id, client_id, redirect_uri, scope) values (?, ?, '', ?)")
                    .params(id, CLIENT_ID, scope).update();
            return issue(id, scope).body();
        });
    }

    public void revoke(String token) {
        byte[] h = Secrets.hash(token == null ? "" : token);
        jdbc.sql("update sandbox_oauth_grant set revoked = true where access_token_hash = ? or refresh_token_hash = ?")
                .params(h, h).update();
    }

    /** Makes an access token expire now (sandbox expire_token). */
    public void expireAccessToken(String accessToken) {
        jdbc.sql("update sandbox_oauth_grant set access_expires_at = ? where access_token_hash = ?")
                .params(Timestamp.from(clock.instant().minusSeconds(1)), Secrets.hash(accessToken == null ? "" : accessToken)).update();
    }

    /** Whether an access token is live: issued, unexpired, not revoked. */
    public Optional<String> scopeOf(String accessToken) {
        return jdbc.sql("select coalesce(scope, '') from sandbox_oauth_grant where access_token_hash = ? "
                        + "and access_expires_at > ? and not revoked")
                .params(Secrets.hash(accessToken), Timestamp.from(clock.instant())).query(String.class).optional();
    }

    private TokenResult issue(String grantId, String scope) {
        String access = "sba_" + Ids.random(40);
        String refresh = "sbr_" + Ids.random(40);
        Instant now = clock.instant();
        jdbc.sql("update sandbox_oauth_grant set access_token_hash = ?, access_expires_at = ?, refresh_token_hash = ?, "
                        + "refresh_expires_at = ? where id = ?")
                .params(Secrets.hash(access), Timestamp.from(now.plus(settings.accessTokenTtl())), Secrets.hash(refresh),
                        Timestamp.from(now.plus(settings.refreshTokenTtl())), grantId)
                .update();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access);
        body.put("token_type", "Bearer");
        body.put("expires_in", settings.accessTokenTtl().toSeconds());
        body.put("refresh_token", refresh);
        body.put("scope", scope == null ? "" : scope);
        return new TokenResult(body, null);
    }

    static String s256(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
