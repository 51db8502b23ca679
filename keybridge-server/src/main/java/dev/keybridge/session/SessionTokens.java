package dev.keybridge.session;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.Errors;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * Session tokens: HS256 JWTs with the claims of the original system
 * ({@code org_id, linked_account_id, environment, iat, exp}), signed with a per-environment key.
 */
@Component
public class SessionTokens {

    private final SigningKeys keys;
    private final Duration ttl;
    private final java.time.Clock clock;

    SessionTokens(SigningKeys keys, KeybridgeSettings settings, java.time.Clock clock) {
        this.clock = clock;
        this.keys = keys;
        this.ttl = settings.sessionTokenTtl();
    }

    public record Issued(String token, Instant expiresAt) {}

    public Issued issue(String orgId, Environment env, String linkedAccountId) {
        Instant now = clock.instant();
        Instant exp = now.plus(ttl);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("org_id", orgId)
                .claim("linked_account_id", linkedAccountId)
                .claim("environment", env.wire())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(exp))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(keys.forSigning(orgId, env)));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a session token");
        }
        return new Issued(jwt.serialize(), exp);
    }

    /** The caller a token speaks for; 401 when it is malformed, tampered with or expired. */
    public Caller verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                throw invalid();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            String orgId = claims.getStringClaim("org_id");
            String account = claims.getStringClaim("linked_account_id");
            Environment env = Environment.fromWire(claims.getStringClaim("environment"));
            if (orgId == null || account == null) {
                throw invalid();
            }
            byte[] key = keys.find(orgId, env).orElseThrow(SessionTokens::invalid);
            if (!jwt.verify(new MACVerifier(key))) {
                throw invalid();
            }
            Date exp = claims.getExpirationTime();
            if (exp == null || !exp.toInstant().isAfter(clock.instant())) {
                throw new Errors.Unauthenticated("session_token_expired", "The session token has expired; create a new one.");
            }
            return Caller.session(orgId, env, account);
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static Errors.Unauthenticated invalid() {
        return new Errors.Unauthenticated("invalid_session_token", "The session token is not valid.");
    }
}
