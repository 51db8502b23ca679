package dev.keybridge.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.connection.Connections;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Base of the connection-health tests: one server (shared by these classes) whose operator catalog
 * adds {@code fake-oauth} and {@code fake-keys} (a {@link FakeProvider} on loopback) and
 * {@code mock-oauth} (mock-oauth2-server), with a fast background refresher.
 */
abstract class HealthIntegrationTest extends IntegrationTest {

    static final FakeProvider FAKE = new FakeProvider();
    static final MockOAuth2Server MOCK = startMock();

    @Autowired
    protected Connections connections;
    @Autowired
    protected TransactionTemplate tx;

    @BeforeEach
    void providerClock() {
        FAKE.clock(clock);
    }

    private static MockOAuth2Server startMock() {
        MockOAuth2Server s = new MockOAuth2Server();
        s.start(InetAddress.getLoopbackAddress(), 0);
        return s;
    }

    @DynamicPropertySource
    static void healthSettings(DynamicPropertyRegistry registry) {
        try {
            Path file = Files.createTempFile("keybridge-health-catalog-", ".yaml");
            String issuer = MOCK.issuerUrl("issuer1").toString();
            Files.writeString(file, """
                    apps:
                      - slug: fake-oauth
                        name: Fake OAuth
                        description: a provider under the test's control
                        auth_type: oauth2
                        oauth2:
                          authorize_url: "%1$s/authorize"
                          token_url: "%1$s/token"
                          scopes: [read]
                          token_auth_method: client_secret_post
                          refresh_token_rotates: true
                        api_base_url: "%1$s/api"
                        inject: {headers: {Authorization: "Bearer {access_token}"}}
                        auth_failure: {status_codes: [401]}
                      - slug: fake-keys
                        name: Fake Keys
                        description: a key-based app on the fake provider
                        auth_type: keybased
                        auth_input_map:
                          - {name: api_key, type: password, required: true}
                        api_base_url: "%1$s/api"
                        inject: {headers: {x-key: "{api_key}"}, query: {key_hint: "k"}}
                        auth_failure: {status_codes: [401]}
                      - slug: mock-oauth
                        name: Mock Provider
                        description: mock-oauth2-server
                        auth_type: oauth2
                        oauth2:
                          authorize_url: "%2$s"
                          token_url: "%3$s"
                          revoke_url: "%4$s"
                          scopes: [openid, profile, offline_access]
                          pkce: true
                          token_auth_method: client_secret_basic
                        api_base_url: "%5$s"
                        auth_failure: {status_codes: [401]}
                      - slug: mock-oauth-lapsing
                        name: Mock Provider (refresh tokens lapse)
                        description: mock-oauth2-server, with a documented refresh-token lifetime
                        auth_type: oauth2
                        oauth2:
                          authorize_url: "%2$s"
                          token_url: "%3$s"
                          scopes: [openid, offline_access]
                          pkce: true
                          token_auth_method: client_secret_basic
                          refresh_token_lifetime_days: 30
                        api_base_url: "%5$s"
                        auth_failure: {status_codes: [401]}
                      - slug: mock-oauth-consent
                        name: Mock Provider (consent lapses)
                        description: mock-oauth2-server, with a consent window shorter than its refresh tokens' lifetime
                        auth_type: oauth2
                        oauth2:
                          authorize_url: "%2$s"
                          token_url: "%3$s"
                          scopes: [openid, offline_access]
                          pkce: true
                          token_auth_method: client_secret_basic
                          refresh_token_lifetime_days: 30
                          consent_lifetime_days: 10
                        api_base_url: "%5$s"
                        auth_failure: {status_codes: [401]}
                    """.formatted(FAKE.base(), MOCK.authorizationEndpointUrl("issuer1"), MOCK.tokenEndpointUrl("issuer1"),
                    issuer + "/revoke", issuer));
            registry.add("keybridge.catalog-file", file::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("keybridge.refresh.poll-interval", () -> "100ms");
        registry.add("keybridge.refresh.backoff-base", () -> "300ms");
        registry.add("keybridge.refresh.backoff-max", () -> "2s");
        registry.add("keybridge.refresh.lease", () -> "10s");
    }

    /** Enables an operator app in the test environment with a client. */
    static void enable(Api server, String slug) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", true);
        if (!slug.equals("fake-keys")) {
            body.put("client_id", "keybridge-test-client");
            body.put("client_secret", "test-secret");
        }
        Api.Response r = server.put("/api/v2/public/application/" + slug + "/settings", body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    /** A connection made directly (as Link would), returning its access token. */
    String connect(TestOrganization org, Environment env, String accountId, String slug, Map<String, String> credentials,
                   Instant expiresAt) {
        Api server = env == Environment.TEST ? org.test().withKey(api) : org.production().withKey(api);
        Api.Response r = server.put("/api/v2/public/linked-account", Map.of("linked_account_id", accountId));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        String internal = jdbc.sql("select id from linked_account where org_id = ? and environment = ? and external_id = ?")
                .params(org.id(), env.wire(), accountId).query(String.class).single();
        return tx.execute(s -> connections.create(org.id(), env, internal, slug, "end-org", credentials, expiresAt, null))
                .accessToken();
    }

    static Api.Response proxy(Api server, String accessToken, String method, String path, Object body) {
        return server.withHeader("access_token", accessToken).send(method, "/v1/proxy/" + path, body);
    }

    /** Registers a webhook endpoint for the given events through the API. */
    static void hook(Api server, Receiver receiver, String... events) {
        Api.Response r = server.post("/api/v2/public/webhook", Map.of("webhook_url", receiver.url(),
                "webhook_events", List.of(events)));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
    }

    /** Link's consent step → mock-oauth2-server grants → Link; returns the exchanged access token. */
    static String consent(LinkDriver browser, Api server, String linkToken) {
        LinkDriver.Page form = browser.open(linkToken);
        assertThat(form.step()).as(form.html()).isEqualTo("form");
        LinkDriver.Page out = browser.submit(Map.of());
        assertThat(out.status()).isEqualTo(302);
        LinkDriver.Page done = browser.follow(browser.get(out.location()));
        assertThat(done.step()).as(done.html()).isEqualTo("succeeded");
        return LinkTokens.exchange(server, done.publicToken());
    }

    /** The connection's {@code expiration} in the status API ({@code GET /v1/connection}); a JSON null when none. */
    static JsonNode expiration(Api server, String accessToken) {
        Api.Response r = server.withHeader("access_token", accessToken).get("/v1/connection");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("expiration");
    }

    /** Events of {@code type} written for the organization (in the warning's transaction, so counted at once). */
    int warned(TestOrganization org, String type) {
        return jdbc.sql("select count(*) from event where org_id = ? and type = ?").params(org.id(), type)
                .query(Integer.class).single();
    }

    /** The webhook bodies of one event type the receiver got (first delivery of each event only). */
    static List<JsonNode> events(Receiver receiver, String type) {
        List<JsonNode> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Receiver.Received r : receiver.received()) {
            JsonNode body = Api.JSON.readTree(r.body());
            if (type.equals(body.get("type").asString()) && seen.add(r.eventId())) {
                out.add(body);
            }
        }
        return out;
    }
}
