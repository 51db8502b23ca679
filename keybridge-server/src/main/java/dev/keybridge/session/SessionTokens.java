package dev.keybridge.session;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Session tokens: HS256 JWTs with the claims of the original system
 * ({@code org_id, linked_account_id, environment, iat, exp}), signed with a per-environment key.
 */
@Component
public class SessionTokens {

    private final SigningKeys keys;
    private final SessionRevocations revocations;
    private final Duration ttl;
    private final Clock clock;

    SessionTokens(SigningKeys keys, SessionRevocations revocations, KeybridgeSettings settings, Clock clock) {
        this.clock = clock;
        this.keys = keys;
        this.revocations = revocations;
        this.ttl = settings.sessionTokenTtl();
    }

    public record Issued(String token, String tokenId, Instant expiresAt) {}

    /** A verified token's claims (signature checked; expiry and revocation not). */
    record Claims(String orgId, Environment env, String linkedAccountId, String accountId, String tokenId,
                  Integer generation, Set<String> apps, Instant expiresAt) {}

    /**
     * Issues a token for the linked account ({@code accountId} is its internal id, {@code linkedAccountId}
     * the caller's id for it); {@code apps} null for every app, else the slugs the token is limited to.
     */
    public Issued issue(String orgId, Environment env, String linkedAccountId, String accountId, Set<String> apps) {
        Instant now = clock.instant();
        Instant exp = now.plus(ttl);
        String jti = "st_" + Ids.random(24);
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .claim("org_id", orgId)
                .claim("linked_account_id", linkedAccountId)
                .claim("environment", env.wire())
                .claim("lid", accountId)
                .claim("gen", revocations.generation(accountId))
                .jwtID(jti)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(exp));
        if (apps != null) {
            builder.claim("apps", List.copyOf(new TreeSet<>(apps)));
        }
        JWTClaimsSet claims = builder.build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(keys.forSigning(orgId, env)));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a session token");
        }
        return new Issued(jwt.serialize(), jti, exp);
    }

    /**
     * The caller a token speaks for; 401 when it is malformed, tampered with, expired, revoked, or its
     * linked account was deleted.
     */
    public Caller verify(String token) {
        Claims c = parse(token);
        if (c.expiresAt() == null || !c.expiresAt().isAfter(clock.instant())) {
            throw new Errors.Unauthenticated("session_token_expired", "The session token has expired; create a new one.");
        }
        if (c.accountId() != null) {
            SessionRevocations.State state = revocations.state(c.orgId(), c.env().wire(), c.accountId(), c.tokenId())
                    .filter(s -> s.externalId().equals(c.linkedAccountId()))
                    .orElseThrow(() -> new Errors.Unauthenticated("session_token_revoked",
                            "The linked account of this session token was deleted."));
            if (state.revoked() || c.generation() == null || state.generation() != c.generation()) {
                throw new Errors.Unauthenticated("session_token_revoked", "This session token has been revoked.");
            }
        }
        return Caller.session(c.orgId(), c.env(), c.linkedAccountId(), c.tokenId(), c.apps());
    }

    /** The claims of a token whose signature checks out; 401 otherwise. */
    Claims parse(String token) {
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
            List<String> apps = claims.getStringListClaim("apps");
            Long gen = claims.getLongClaim("gen");
            return new Claims(orgId, env, account, claims.getStringClaim("lid"), claims.getJWTID(),
                    gen == null ? null : gen.intValue(), apps == null ? null : Set.copyOf(apps),
                    exp == null ? null : exp.toInstant());
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            throw invalid();
        }
    }

    /** Revokes one token of this organization and environment (404 for any other token). */
    public void revoke(Caller caller, String token) {
        Claims c;
        try {
            c = parse(token);
        } catch (Errors.Unauthenticated e) {
            throw new Errors.NotFound("session_token_not_found", "That is not a session token of this environment.");
        }
        if (!c.orgId().equals(caller.orgId()) || c.env() != caller.environment() || c.accountId() == null
                || c.tokenId() == null) {
            throw new Errors.NotFound("session_token_not_found", "That is not a session token of this environment.");
        }
        if (revocations.state(c.orgId(), c.env().wire(), c.accountId(), c.tokenId()).isPresent()) {
            revocations.revokeOne(c.orgId(), c.tokenId(), c.accountId(), c.expiresAt() == null ? clock.instant() : c.expiresAt());
        }
    }

    /** Revokes every token issued so far for the linked account (internal id) of the organization. */
    public void revokeAll(String orgId, String accountId) {
        revocations.revokeAll(orgId, accountId);
    }

    private static Errors.Unauthenticated invalid() {
        return new Errors.Unauthenticated("invalid_session_token", "The session token is not valid.");
    }
}
