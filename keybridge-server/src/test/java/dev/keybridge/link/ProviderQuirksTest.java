package dev.keybridge.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.connection.Connection;
import dev.keybridge.connection.Connections;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 19, item 2: each provider quirk the catalogue declares (docs/link.md, "Provider quirks"), driven through a
 * real Link flow and proxied calls against a {@link QuirkyProvider} tenant that enforces exactly that quirk and
 * refuses anything else, so each test fails when Keybridge ignores the quirk.
 */
class ProviderQuirksTest extends IntegrationTest {

    private static final QuirkyProvider PROVIDER = new QuirkyProvider();
    private static final QuirkyProvider.Tenant BASIC = PROVIDER.tenant("basic");
    private static final QuirkyProvider.Tenant POST = PROVIDER.tenant("post");
    private static final QuirkyProvider.Tenant PKCE = PROVIDER.tenant("pkce");
    private static final QuirkyProvider.Tenant COMMA = PROVIDER.tenant("comma");
    private static final QuirkyProvider.Tenant FIELDS = PROVIDER.tenant("fields");
    private static final QuirkyProvider.Tenant REALM = PROVIDER.tenant("realm");
    private static final QuirkyProvider.Tenant ROTATE = PROVIDER.tenant("rotate");
    private static final QuirkyProvider.Tenant OFFLINE = PROVIDER.tenant("offline");
    private static final QuirkyProvider.Tenant JSON = PROVIDER.tenant("json");
    private static final QuirkyProvider.Tenant FOREVER = PROVIDER.tenant("forever");
    private static final QuirkyProvider.Tenant FOREVER_CONTROL = PROVIDER.tenant("forever-control");
    private static final QuirkyProvider.Tenant KEYPAIR = PROVIDER.tenant("keypair");

    static {
        POST.clientAuth = "post";
        PKCE.pkce = true;
        COMMA.scopeSeparator = ",";
        COMMA.scopes = List.of("read", "write");
        FIELDS.tokenExtras = Map.of("instance_url", PROVIDER.instanceBase("fields"));
        REALM.callbackExtras = new LinkedHashMap<>(Map.of("realmId", "4620816365", "shop_hint", "not-declared"));
        ROTATE.rotates = true;
        OFFLINE.offlineParams = Map.of("access_type", "offline", "prompt", "consent");
        JSON.json = true;
        FOREVER.accessExpires = false;
        FOREVER_CONTROL.accessExpires = false;
        KEYPAIR.basicKeyId = "kid_7f3a";
        KEYPAIR.basicKeySecret = "ks_9c1e";
        KEYPAIR.requiredHeaders = Map.of("api-version", "2024-06-01");
    }

    @Autowired
    private Connections connections;

    private TestOrganization org;
    private Api server;

    @DynamicPropertySource
    static void catalog(DynamicPropertyRegistry registry) {
        StringBuilder yaml = new StringBuilder("apps:\n");
        oauth(yaml, "quirk-basic", BASIC, "token_auth_method: client_secret_basic", null);
        oauth(yaml, "quirk-post", POST, "token_auth_method: client_secret_post", null);
        oauth(yaml, "quirk-pkce", PKCE, "pkce: true", null);
        oauth(yaml, "quirk-comma", COMMA, "scope_separator: \",\"", null);
        oauth(yaml, "quirk-fields", FIELDS, "token_fields: [instance_url]", "\"{instance_url}/api\"");
        oauth(yaml, "quirk-realm", REALM, "callback_fields: [realmId]", "\"" + PROVIDER.base("realm") + "/api/company/{realmId}\"");
        oauth(yaml, "quirk-rotate", ROTATE, "refresh_token_rotates: true", null);
        oauth(yaml, "quirk-offline", OFFLINE, "authorize_params: {access_type: offline, prompt: consent}", null);
        oauth(yaml, "quirk-json", JSON, "token_request_format: json", null);
        oauth(yaml, "quirk-forever", FOREVER, "access_token_expires: false", null);
        oauth(yaml, "quirk-forever-control", FOREVER_CONTROL, "pkce: false", null);
        yaml.append("""
                  - slug: quirk-keypair
                    name: Quirk keypair
                    description: a key id and secret sent as HTTP basic auth, with a required version header
                    auth_type: keybased
                    auth_input_map:
                      - {name: key_id, type: text, required: true}
                      - {name: key_secret, type: password, required: true}
                    api_base_url: "%s/api"
                    inject: {headers: {Api-Version: "2024-06-01"}, basic_username: "{key_id}", basic_password: "{key_secret}"}
                    verification: {method: GET, path: /me, success_status: [200]}
                    auth_failure: {status_codes: [401]}
                """.formatted(PROVIDER.base("keypair")));
        try {
            Path file = Files.createTempFile("keybridge-quirks-catalog-", ".yaml");
            Files.writeString(file, yaml);
            registry.add("keybridge.catalog-file", file::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One OAuth2 app on a tenant, with its quirk's catalogue line and an API base URL (default: the tenant's API). */
    private static void oauth(StringBuilder yaml, String slug, QuirkyProvider.Tenant t, String quirk, String apiBase) {
        yaml.append("""
                  - slug: %1$s
                    name: %1$s
                    description: a provider with one quirk
                    auth_type: oauth2
                    oauth2:
                      authorize_url: "%2$s/authorize"
                      token_url: "%2$s/token"
                      scopes: [%3$s]
                      %4$s
                    api_base_url: %5$s
                    auth_failure: {status_codes: [401]}
                """.formatted(slug, PROVIDER.base(t.name), String.join(", ", t.scopes), quirk,
                apiBase == null ? "\"" + PROVIDER.base(t.name) + "/api\"" : apiBase));
    }

    @BeforeEach
    void setUp() {
        PROVIDER.clock(clock);
        org = newOrganization();
        server = org.test().withKey(api);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void doesAuthenticateTheClientOnlyAsEachProviderDeclaresWhenExchangingTheCode() {
        String basic = link("quirk-basic", BASIC, "u-basic");
        String post = link("quirk-post", POST, "u-post");

        assertThat(BASIC.codeExchanges.get()).isEqualTo(1);
        assertThat(POST.codeExchanges.get()).isEqualTo(1);
        assertThat(proxy(basic, "me").status()).isEqualTo(200);
        assertThat(proxy(post, "me").status()).isEqualTo(200);
    }

    @Test
    void doesSendAChallengeAndItsVerifierWhenTheProviderRequiresPkce() {
        String token = link("quirk-pkce", PKCE, "u-pkce");

        Map<String, String> authorize = PKCE.authorizeRequests.getLast();
        assertThat(authorize).containsEntry("code_challenge_method", "S256").containsKey("code_challenge");
        assertThat(credentials(token)).doesNotContainKey("code_verifier");
        assertThat(proxy(token, "me").status()).isEqualTo(200);
    }

    @Test
    void doesJoinAndReadScopesWithTheDeclaredSeparatorWhenTheProviderRefusesSpaces() {
        String token = link("quirk-comma", COMMA, "u-comma");

        assertThat(COMMA.authorizeRequests.getLast()).containsEntry("scope", "read,write");
        assertThat(connection(token).scopes()).as("the answer's \"read,write\" read as two scopes")
                .containsExactly("read", "write");
    }

    @Test
    void doesCallTheHostTheTokenAnswerNamesWhenTheApiBaseUrlUsesATokenField() {
        String token = link("quirk-fields", FIELDS, "u-fields");

        assertThat(credentials(token)).containsEntry("instance_url", PROVIDER.instanceBase("fields"));
        Api.Response r = proxy(token, "sobjects");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("listener").asString()).as("the instance host, not the provider's").isEqualTo("instance");
        assertThat(r.json().get("path").asString()).isEqualTo("/t/fields/api/sobjects");
    }

    @Test
    void doesPutTheDeclaredCallbackValueIntoTheApiPathAndDropUndeclaredOnesWhenTheProviderAddsThemToTheCallback() {
        String token = link("quirk-realm", REALM, "u-realm");

        assertThat(credentials(token)).containsEntry("realmId", "4620816365")
                .as("an undeclared callback value is the browser's, not the provider's").doesNotContainKey("shop_hint");
        Api.Response r = proxy(token, "query");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(REALM.apiCalls.getLast().path()).isEqualTo("/t/realm/api/company/4620816365/query");
    }

    @Test
    void doesRefreshWithTheNewestRefreshTokenWhenTheProviderRotatesThem() {
        String token = link("quirk-rotate", ROTATE, "u-rotate");
        String first = credentials(token).get("refresh_token");
        assertThat(first).isEqualTo(ROTATE.issuedRefreshTokens.getLast());

        clock.advance(Duration.ofHours(2));
        assertThat(proxy(token, "me").status()).as("refreshed with the first refresh token").isEqualTo(200);
        String second = credentials(token).get("refresh_token");
        clock.advance(Duration.ofHours(2));
        Api.Response again = proxy(token, "me");

        assertThat(again.status()).as("the old refresh token is dead: %s %s", again.text(), PROVIDER.refusals(ROTATE))
                .isEqualTo(200);
        assertThat(second).isNotEqualTo(first);
        assertThat(ROTATE.refreshCalls.get()).isEqualTo(2);
        assertThat(credentials(token).get("refresh_token")).isEqualTo(ROTATE.issuedRefreshTokens.getLast())
                .isNotIn(first, second);
        assertThat(PROVIDER.refusals(ROTATE)).isEmpty();
    }

    @Test
    void doesGetARefreshTokenWhenTheProviderIssuesOneOnlyForTheDeclaredAuthorizeParameters() {
        String token = link("quirk-offline", OFFLINE, "u-offline");

        assertThat(OFFLINE.authorizeRequests.getLast()).containsEntry("access_type", "offline")
                .containsEntry("prompt", "consent");
        assertThat(credentials(token)).containsKey("refresh_token");
        clock.advance(Duration.ofHours(2));
        Api.Response r = proxy(token, "me");

        assertThat(r.status()).as("the expired access token was refreshed: %s", r.text()).isEqualTo(200);
        assertThat(OFFLINE.refreshCalls.get()).isEqualTo(1);
    }

    @Test
    void doesSendTokenRequestsAsJsonWhenTheProviderAcceptsOnlyJson() {
        String token = link("quirk-json", JSON, "u-json");
        clock.advance(Duration.ofHours(2));

        Api.Response r = proxy(token, "me");

        assertThat(r.status()).as("refreshed with a JSON request: %s %s", r.text(), PROVIDER.refusals(JSON)).isEqualTo(200);
        assertThat(JSON.codeExchanges.get()).isEqualTo(1);
        assertThat(JSON.refreshCalls.get()).isEqualTo(1);
        assertThat(PROVIDER.refusals(JSON)).isEmpty();
    }

    @Test
    void doesNeverExpireNorRefreshAConnectionWhenTheAppsAccessTokensNeverExpire() {
        String forever = link("quirk-forever", FOREVER, "u-forever");
        String control = link("quirk-forever-control", FOREVER_CONTROL, "u-forever-control");
        assertThat(connection(forever).credentialExpiresAt()).as("the answer's expires_in is ignored").isNull();
        assertThat(connection(control).credentialExpiresAt()).isNotNull();
        assertThat(jdbc.sql("select refreshable from connection where id = ?").param(connection(forever).id())
                .query(Boolean.class).single()).as("the background scan never picks it up").isFalse();

        clock.advance(Duration.ofDays(30));   // past the answer's expires_in and the 7-day keep-alive
        await().atMost(Duration.ofSeconds(30)).until(() -> FOREVER_CONTROL.refreshCalls.get() >= 1);   // the scan ran
        Api.Response r = proxy(forever, "me");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(FOREVER.refreshCalls.get()).isZero();
        assertThat(connection(forever).credentialExpiresAt()).isNull();
    }

    @Test
    void doesSendTheRequiredHeaderAndTheKeyPairAsBasicAuthWhenTheAppDeclaresThem() {
        enable("quirk-keypair");
        LinkDriver browser = new LinkDriver(api.base());
        LinkDriver.Page form = browser.open(LinkTokens.forUser("u-keypair").app("quirk-keypair").create(server));
        assertThat(form.step()).as(form.html()).isEqualTo("form");
        LinkDriver.Page done = browser.submit(Map.of("key_id", "kid_7f3a", "key_secret", "ks_9c1e"));
        assertThat(done.step()).as("the verification call passed: %s", done.html()).isEqualTo("succeeded");
        String token = LinkTokens.exchange(server, done.publicToken());

        Api.Response r = server.withHeader("access_token", token).withHeader("api-version", "1999-01-01")
                .send("GET", "/v1/proxy/invoices", null);

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        QuirkyProvider.ApiCall call = KEYPAIR.apiCalls.getLast();
        assertThat(call.path()).isEqualTo("/t/keypair/api/invoices");
        assertThat(call.headers()).containsEntry("api-version", "2024-06-01").containsEntry("authorization",
                "Basic a2lkXzdmM2E6a3NfOWMxZQ==");   // base64("kid_7f3a:ks_9c1e")
    }

    // ------------------------------------------------------------------ helpers

    private void enable(String slug) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", true);
        if (!slug.equals("quirk-keypair")) {
            body.put("client_id", QuirkyProvider.CLIENT_ID);
            body.put("client_secret", QuirkyProvider.CLIENT_SECRET);
        }
        Api.Response r = server.put("/api/v2/public/application/" + slug + "/settings", body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    /** Enables the app, runs Link through the tenant's consent and back, exchanges the public token. */
    private String link(String slug, QuirkyProvider.Tenant tenant, String user) {
        enable(slug);
        LinkDriver browser = new LinkDriver(api.base());
        LinkDriver.Page form = browser.open(LinkTokens.forUser(user).app(slug).create(server));
        assertThat(form.step()).as(form.html()).isEqualTo("form");
        LinkDriver.Page out = browser.submit(Map.of());
        assertThat(out.status()).as(out.html()).isEqualTo(302);
        assertThat(out.location()).startsWith(PROVIDER.base(tenant.name) + "/authorize?");
        LinkDriver.Page consent = browser.get(out.location());
        assertThat(consent.status()).as(consent.html()).isEqualTo(302);
        LinkDriver.Page done = browser.follow(consent);
        assertThat(done.step()).as("%s refused: %s\n%s", tenant.name, PROVIDER.refusals(tenant), done.error())
                .isEqualTo("succeeded");
        return LinkTokens.exchange(server, done.publicToken());
    }

    private Api.Response proxy(String accessToken, String path) {
        return server.withHeader("access_token", accessToken).send("GET", "/v1/proxy/" + path, null);
    }

    private Connection connection(String accessToken) {
        return connections.findByAccessToken(org.id(), Environment.TEST, accessToken).orElseThrow();
    }

    private Map<String, String> credentials(String accessToken) {
        return connections.credentials(connection(accessToken));
    }
}
