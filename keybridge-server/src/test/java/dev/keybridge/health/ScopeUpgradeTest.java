package dev.keybridge.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.support.Api;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Scopes per connection against mock-oauth2-server (which grants the scope it was asked for): the first
 * grant's scopes are stored and shown, an update-mode link token asking for one more scope ends with the
 * union stored, the same access token and one {@code connection.scopes_updated}; bad scope requests and
 * scopes for a non-OAuth2 connection are refused with 400 and change nothing.
 */
class ScopeUpgradeTest extends HealthIntegrationTest {

    private static final List<String> APP_SCOPES = List.of("openid", "profile", "offline_access");

    private TestOrganization org;
    private Api server;
    private LinkDriver browser;
    private Receiver receiver;

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
        browser = new LinkDriver(api.base());
        receiver = new Receiver();
        enable(server, "mock-oauth");
        hook(server, receiver, "connection.scopes_updated");
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    /** The consent step → the provider (its authorize URL's scope returned) → mock-oauth2-server grants → Link. */
    private List<String> consent(String linkToken) {
        LinkDriver.Page form = browser.open(linkToken);
        assertThat(form.step()).as(form.html()).isEqualTo("form");
        LinkDriver.Page out = browser.submit(Map.of());
        assertThat(out.status()).isEqualTo(302);
        List<String> asked = Arrays.asList(query(out.location(), "scope").split(" "));
        LinkDriver.Page provider = browser.get(out.location());
        assertThat(provider.status()).isEqualTo(302);
        LinkDriver.Page done = browser.follow(provider);
        assertThat(done.step()).as(done.html()).isEqualTo("succeeded");
        lastPublicToken = done.publicToken();
        return asked;
    }

    private String lastPublicToken;

    private String linkMock(String user) {
        consent(LinkTokens.forUser(user).app("mock-oauth").create(server));
        return LinkTokens.exchange(server, lastPublicToken);
    }

    private List<String> storedScopes(String accessToken) {
        Api.Response r = server.withHeader("access_token", accessToken).get("/v1/connection");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return strings(r.json().get("scopes"));
    }

    @Test
    void doesStoreAndShowTheGrantedScopesWhenAnOAuth2ConnectionIsLinked() {
        String accessToken = linkMock("first-grant");

        assertThat(storedScopes(accessToken)).containsExactlyElementsOf(APP_SCOPES);
        Api.Response list = server.get("/api/v2/public/linked-account/first-grant/connections");
        assertThat(strings(list.json().get(0).get("scopes"))).containsExactlyElementsOf(APP_SCOPES);
    }

    @Test
    void doesStoreTheUnionAndKeepTheAccessTokenWhenUpdateModeAsksForOneMoreScope() {
        String accessToken = linkMock("upgrader");
        String linkToken = LinkTokens.update(accessToken).scopes("extra.scope").create(server);

        List<String> asked = consent(linkToken);

        assertThat(asked).containsExactly("openid", "profile", "offline_access", "extra.scope");
        assertThat(storedScopes(accessToken)).containsExactly("openid", "profile", "offline_access", "extra.scope");
        assertThat(LinkTokens.exchange(server, lastPublicToken)).isEqualTo(accessToken);
        assertThat(proxy(server, accessToken, "GET", "userinfo", null).status()).isEqualTo(200);
        assertThat(scopeEvents()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> events(receiver, "connection.scopes_updated").size() == 1);
        JsonNode data = events(receiver, "connection.scopes_updated").getFirst().get("data");
        assertThat(data.get("linked_account_id").asString()).isEqualTo("upgrader");
        assertThat(data.get("app").asString()).isEqualTo("mock-oauth");
        assertThat(data.get("connection_id").asString())
                .isEqualTo(connections.findByAccessToken(org.id(), Environment.TEST, accessToken).orElseThrow().id());
        assertThat(strings(data.get("added"))).containsExactly("extra.scope");
        assertThat(strings(data.get("removed"))).isEmpty();
        assertThat(strings(data.get("scopes"))).containsExactly("openid", "profile", "offline_access", "extra.scope");
    }

    @Test
    void doesEmitNoScopesEventWhenUpdateModeAsksForNoNewScope() {
        String accessToken = linkMock("same-scopes");

        consent(LinkTokens.update(accessToken).create(server));

        assertThat(storedScopes(accessToken)).containsExactlyElementsOf(APP_SCOPES);
        assertThat(scopeEvents()).isZero();
    }

    @Test
    void doesRefuseBadScopeRequestsWithoutChangingAnythingWhenTheyAreInvalid() {
        String accessToken = linkMock("bad-scopes");
        int sessions = linkSessions();
        List<Object> bad = new ArrayList<>(List.of(List.of(), List.of(""), List.of("two words"), List.of("quote\""),
                List.of(7), "extra.scope", List.of("x".repeat(201))));
        bad.add(IntStream.range(0, 21).mapToObj(i -> "s" + i).toList());

        for (Object scopes : bad) {
            Map<String, Object> body = LinkTokens.update(accessToken).body();
            body.put("scopes", scopes);
            Api.Response r = server.post("/link/token/create", body);
            assertThat(r.status()).as("%s: %s", scopes, r.text()).isEqualTo(400);
            assertThat(r.json().get("error").asString()).isEqualTo("invalid_request");
            assertThat(r.json().get("message").asString()).contains("scopes");
        }
        Api.Response withoutAccessToken = server.post("/link/token/create",
                Map.of("user_id", "bad-scopes", "app", "mock-oauth", "scopes", List.of("extra.scope")));
        assertThat(withoutAccessToken.status()).as(withoutAccessToken.text()).isEqualTo(400);
        assertThat(withoutAccessToken.json().get("message").asString()).contains("update mode");

        assertThat(linkSessions()).isEqualTo(sessions);
        assertThat(storedScopes(accessToken)).containsExactlyElementsOf(APP_SCOPES);
        assertThat(scopeEvents()).isZero();
    }

    @Test
    void doesRefuseScopesWhenTheConnectionIsNotAnOAuth2One() {
        enable(server, "fake-keys");
        String accessToken = connect(org, Environment.TEST, "key-user", "fake-keys", Map.of("api_key", "k-1"), null);
        int sessions = linkSessions();

        Api.Response r = server.post("/link/token/create", LinkTokens.update(accessToken).scopes("extra.scope").body());

        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("error").asString()).isEqualTo("invalid_request");
        assertThat(r.json().get("message").asString()).contains("only for OAuth2");
        assertThat(linkSessions()).isEqualTo(sessions);
        Api.Response status = server.withHeader("access_token", accessToken).get("/v1/connection");
        assertThat(status.json().get("scopes").isNull()).isTrue();
    }

    /** {@code connection.scopes_updated} events written (in the transaction of the change, so counted at once). */
    private int scopeEvents() {
        return jdbc.sql("select count(*) from event where org_id = ? and type = 'connection.scopes_updated'")
                .param(org.id()).query(Integer.class).single();
    }

    @Test
    void doesReplaceTheStoredScopesWhenARefreshAnswerCarriesScopeAndKeepThemWhenItDoesNot() {
        enable(server, "fake-oauth");
        Map<String, String> grant = new LinkedHashMap<>(FAKE.grant());
        grant.put("scope", "read");
        String accessToken = connect(org, Environment.TEST, "refresher", "fake-oauth", grant, clock.instant().plusSeconds(3600));
        assertThat(server.withHeader("access_token", accessToken).get("/v1/connection").json().get("scopes").isNull()).isTrue();
        FAKE.expireAccess(grant.get("access_token"));
        FAKE.scope = "read write";
        try {
            assertThat(proxy(server, accessToken, "GET", "me", null).status()).isEqualTo(200);
            assertThat(storedScopes(accessToken)).containsExactly("read", "write");

            FAKE.scope = null;
            String refreshed = upstreamToken(accessToken);
            FAKE.expireAccess(refreshed);
            assertThat(proxy(server, accessToken, "GET", "me", null).status()).isEqualTo(200);
            assertThat(upstreamToken(accessToken)).as("refreshed again").isNotEqualTo(refreshed);
            assertThat(storedScopes(accessToken)).containsExactly("read", "write");
            assertThat(scopeEvents()).isZero();
        } finally {
            FAKE.scope = null;
        }
    }

    private String upstreamToken(String accessToken) {
        return connections.credentials(connections.findByAccessToken(org.id(), Environment.TEST, accessToken).orElseThrow())
                .get("access_token");
    }

    private int linkSessions() {
        return jdbc.sql("select count(*) from link_session where org_id = ?").param(org.id()).query(Integer.class).single();
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).as("%s is an array", array).isTrue();
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static String query(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError(name + " not in " + url);
    }
}
