package dev.keybridge.session;

import static dev.keybridge.support.Accounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class SessionTokenTest extends IntegrationTest {

    @Autowired
    SigningKeys keys;

    private TestOrganization org;
    private Api server;

    @BeforeEach
    void organization() {
        org = newOrganization();
        server = org.test().withKey(api);
        server.put("/api/v2/public/linked-account", account("acct-1").name("Mark Wood").body());
    }

    @Test
    void doesIssueAnHs256JwtWithTheOriginalClaims() throws Exception {
        Api.Response r = server.post("/api/v2/public/session-token", Map.of("linked_account_id", "acct-1"));

        assertThat(r.status()).isEqualTo(200);
        SignedJWT jwt = SignedJWT.parse(r.json().get("token").asString());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        // The original claims, plus ours for revocation: token id, linked account's internal id, generation.
        assertThat(claims.getClaims().keySet()).containsExactlyInAnyOrder("org_id", "linked_account_id", "environment",
                "iat", "exp", "jti", "lid", "gen");
        assertThat(claims.getStringClaim("org_id")).isEqualTo(org.id());
        assertThat(claims.getStringClaim("linked_account_id")).isEqualTo("acct-1");
        assertThat(claims.getStringClaim("environment")).isEqualTo("test");
        long lifetime = claims.getExpirationTime().getTime() - claims.getIssueTime().getTime();
        assertThat(lifetime).isEqualTo(24 * 3600 * 1000L);
    }

    @Test
    void doesReturnOrganizationAndAccountFromBasics() {
        Api session = session(server.post("/api/v2/public/session-token", Map.of("linked_account_id", "acct-1"))
                .json().get("token").asString());

        JsonNode basics = session.get("/api/v3/org/basics").json();

        assertThat(basics.at("/org/_id").asString()).isEqualTo(org.id());
        assertThat(basics.get("environment").asString()).isEqualTo("test");
        assertThat(basics.at("/linked_account/account_id").asString()).isEqualTo("acct-1");
        assertThat(basics.at("/linked_account/name").asString()).isEqualTo("Mark Wood");
    }

    @Test
    void doesAnswer404ForAnUnknownLinkedAccount() {
        Api.Response r = server.post("/api/v2/public/session-token", Map.of("linked_account_id", "nobody"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(server.post("/api/v2/public/session-token", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void doesAnswer401WhenTheTokenIsTamperedWith() {
        String token = server.post("/api/v2/public/session-token", Map.of("linked_account_id", "acct-1"))
                .json().get("token").asString();
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1])).replace("acct-1", "acct-2");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes()) + "." + parts[2];

        Api.Response r = session(forged).get("/api/v3/org/basics");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asString()).isEqualTo("invalid_session_token");
        assertThat(session("not.a.jwt").get("/api/v3/org/basics").status()).isEqualTo(401);
        assertThat(session(parts[0] + "." + parts[1] + ".").get("/api/v3/org/basics").status()).isEqualTo(401);
    }

    @Test
    void doesAnswer401WhenTheTokenHasExpired() throws Exception {
        byte[] key = keys.find(org.id(), Environment.TEST).orElseGet(
                () -> keys.forSigning(org.id(), Environment.TEST));
        Instant past = clock.instant().minusSeconds(3600);
        SignedJWT expired = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .claim("org_id", org.id()).claim("linked_account_id", "acct-1").claim("environment", "test")
                .issueTime(Date.from(past.minusSeconds(60))).expirationTime(Date.from(past)).build());
        expired.sign(new MACSigner(key));

        Api.Response r = session(expired.serialize()).get("/api/v3/org/basics");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asString()).isEqualTo("session_token_expired");
    }

    @Test
    void doesNotAcceptAnotherOrganizationsSigningKey() throws Exception {
        TestOrganization other = newOrganization();
        other.test().withKey(api).put("/api/v2/public/linked-account", account("x").body());
        other.test().withKey(api).post("/api/v2/public/session-token", Map.of("linked_account_id", "x"));
        byte[] otherKey = keys.find(other.id(), Environment.TEST).orElseThrow();
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .claim("org_id", org.id()).claim("linked_account_id", "acct-1").claim("environment", "test")
                .issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant().plusSeconds(600))).build());
        forged.sign(new MACSigner(otherKey));

        assertThat(session(forged.serialize()).get("/api/v3/org/basics").status()).isEqualTo(401);
    }

    private Api session(String token) {
        return api.withHeader("authorization", "Bearer " + token);
    }
}
