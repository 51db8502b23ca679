package dev.keybridge.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.Smtp;
import dev.keybridge.support.TestOrganization;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20, item 3 through the API: the repair inbox lists who needs their end user (with counts, filters and
 * cursor paging, per tenant), and a reconnect link is made, e-mailed through a real SMTP server in the end
 * user's language, and followed from opened to completed.
 */
class RepairInboxTest extends IntegrationTest {

    private TestOrganization org;
    private Api server;
    private final Map<String, String> tokens = new HashMap<>();

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Links the sandbox EHR for {@code account} as {@code user}; returns the access token. */
    private String link(String account, String user) {
        LinkDriver driver = new LinkDriver(api.base());
        driver.open(LinkTokens.forUser(account).app("sandbox-ehr").create(server));
        LinkDriver.Page done = driver.submit(Map.of("username", user, "password", "pass_good"));
        assertThat(done.step()).as(done.html()).isEqualTo("succeeded");
        String token = LinkTokens.exchange(server, done.publicToken());
        tokens.put(account, token);
        return token;
    }

    private String connectionId(String accessToken) {
        return server.withHeader("access_token", accessToken).get("/v1/connection").json().get("id").asString();
    }

    /** A: login required (password expired); B: an expiring password; C: healthy; D: failing checks. */
    private void fourConnections() {
        String a = link("acct-a", "user_good");
        assertThat(server.post("/sandbox/connection/reset_login", Map.of("access_token", a, "reason", "password_expired"))
                .status()).isEqualTo(200);
        link("acct-b", "user_password_expiring");
        link("acct-c", "user_good");
        String d = link("acct-d", "user_good");
        // A failed check, as the check loop records one (its own test covers how it gets there).
        jdbc.sql("update connection set last_error = 'upstream_unreachable', last_error_at = now() where id = ? and org_id = ?")
                .params(connectionId(d), org.id()).update();
    }

    private JsonNode inbox(String query) {
        Api.Response r = server.get("/api/v2/public/repair" + query);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static List<String> accounts(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("docs").forEach(n -> out.add(n.get("linked_account_id").asString()));
        return out;
    }

    @Test
    void doesListTheConnectionsThatNeedTheEndUserWithCountsFiltersAndPages() {
        fourConnections();

        JsonNode all = inbox("");

        assertThat(accounts(all)).containsExactlyInAnyOrder("acct-a", "acct-b", "acct-d");
        assertThat(all.get("counts").get("login_required").asLong()).isEqualTo(1);
        assertThat(all.get("counts").get("pending_expiration").asLong()).isEqualTo(1);
        assertThat(all.get("counts").get("failing").asLong()).isEqualTo(1);
        assertThat(all.get("counts_by_app").get("sandbox-ehr").asLong()).isEqualTo(3);
        JsonNode a = all.get("docs").valueStream().filter(n -> n.get("linked_account_id").asString().equals("acct-a"))
                .findFirst().orElseThrow();
        assertThat(a.get("state").asString()).isEqualTo("login_required");
        assertThat(a.get("reason").asString()).isEqualTo("password_expired");
        assertThat(a.get("last_link_state").isNull()).isTrue();
        assertThat(accounts(inbox("?state=pending_expiration"))).containsExactly("acct-b");
        assertThat(accounts(inbox("?reason=upstream_unreachable"))).containsExactly("acct-d");
        assertThat(accounts(inbox("?app=sandbox-keys"))).isEmpty();
        assertThat(accounts(inbox("?older_than_days=1"))).isEmpty();

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = inbox("?limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.get("docs").size()).isEqualTo(1);
            paged.addAll(accounts(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(paged).containsExactlyElementsOf(accounts(all));

        clock.advance(Duration.ofDays(2));
        assertThat(accounts(inbox("?older_than_days=1&state=login_required"))).containsExactly("acct-a");
        assertThat(accounts(newOrganization().test().withKey(api).get("/api/v2/public/repair").json()))
                .as("another organization sees none of it").isEmpty();
        assertThat(accounts(org.production().withKey(api).get("/api/v2/public/repair").json()))
                .as("nor does production").isEmpty();
    }

    @Test
    void doesRefuseBadInboxQueriesWithTheFieldNamed() {
        for (String bad : List.of("?state=broken", "?limit=0", "?limit=201", "?cursor=not-ours", "?older_than_days=-1")) {
            Api.Response r = server.get("/api/v2/public/repair" + bad);
            assertThat(r.status()).as(bad + ": " + r.text()).isEqualTo(400);
            assertThat(r.json().get("error").asString()).isEqualTo("invalid_request");
        }
    }

    @Test
    void doesEmailAReconnectLinkInTheEndUsersLanguageAndFollowItFromSentToCompleted() {
        fourConnections();
        String connection = connectionId(tokens.get("acct-a"));
        Instant asked = clock.instant();

        Api.Response made = server.post("/api/v2/public/reconnect-links", Map.of("connection_id", connection,
                "expires_in", 259_200, "email", "acct-a@customer.example", "language", "fr"));

        assertThat(made.status()).as(made.text()).isEqualTo(201);
        JsonNode link = made.json();
        String url = link.get("url").asString();
        assertThat(url).startsWith(api.base() + "/link?token=lt_test_");
        assertThat(link.get("state").asString()).isEqualTo("sent");
        assertThat(Instant.parse(link.get("expires_at").asString())).isCloseTo(asked.plus(Duration.ofDays(3)),
                within(1, ChronoUnit.MINUTES));
        List<Smtp.Mail> mails = Smtp.to("acct-a@customer.example");
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().subject()).contains("reconnectez votre compte Sandbox EHR");
        assertThat(mails.getFirst().body()).contains(url).contains("Le lien fonctionne jusqu’au");
        String id = link.get("id").asString();
        assertThat(server.get("/api/v2/public/reconnect-links/" + id).json().has("url"))
                .as("the URL is handed out once, never stored").isFalse();
        assertThat(jdbc.sql("select count(*) from event where data::text like ?").param("%" + url.substring(url.indexOf("lt_")) + "%")
                .query(Integer.class).single()).isZero();
        assertThat(inbox("").get("docs").valueStream().filter(n -> n.get("connection_id").asString().equals(connection))
                .findFirst().orElseThrow().get("last_link_state").asString()).isEqualTo("sent");

        // The end user follows the e-mail: update mode asks for the new password, and the connection is repaired.
        LinkDriver browser = new LinkDriver(api.base());
        LinkDriver.Page first = browser.open(url.substring(url.indexOf("token=") + "token=".length()));
        assertThat(state(id)).isEqualTo("opened");
        assertThat(first.hasField("password")).as(first.html()).isTrue();
        LinkDriver.Page done = browser.submit(Map.of("password", "pass_good"));
        assertThat(done.step()).as(done.html()).isEqualTo("succeeded");

        assertThat(state(id)).isEqualTo("completed");
        assertThat(server.withHeader("access_token", tokens.get("acct-a")).get("/v1/connection").json().get("status")
                .asString()).as("the same access token, repaired").isEqualTo("active");
        assertThat(accounts(inbox(""))).doesNotContain("acct-a");
        assertThat(server.get("/api/v2/public/reconnect-links?connection_id=" + connection).json().get(0).get("id").asString())
                .isEqualTo(id);
    }

    @Test
    void doesLetAnUnusedLinkExpireAtTheLifetimeChosen() {
        String token = link("acct-e", "user_good");
        Api.Response made = server.post("/api/v2/public/reconnect-links",
                Map.of("linked_account_id", "acct-e", "app", "sandbox-ehr", "expires_in", 3600));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String id = made.json().get("id").asString();
        assertThat(made.json().get("state").asString()).isEqualTo("created");
        assertThat(made.json().get("email").isNull()).isTrue();

        clock.advance(Duration.ofMinutes(61));

        assertThat(state(id)).isEqualTo("expired");
        String url = made.json().get("url").asString();
        LinkDriver.Page late = new LinkDriver(api.base()).openRaw(url.substring(url.indexOf("token=") + "token=".length()), null);
        assertThat(late.html()).contains("This Link has expired");
        assertThat(server.withHeader("access_token", token).get("/v1/connection").status()).isEqualTo(200);
    }

    @Test
    void doesTellTheHostByWebhookAndHandTheUrlOutAgainWithANewTokenForItsOwnChannel() {
        Receiver receiver = new Receiver();
        try {
            assertThat(server.post("/api/v2/public/webhook", Map.of("webhook_url", receiver.url(),
                    "webhook_events", List.of("reconnect_link.created"))).status()).isEqualTo(201);
            link("acct-g", "user_good");
            Api.Response made = server.post("/api/v2/public/reconnect-links",
                    Map.of("linked_account_id", "acct-g", "app", "sandbox-ehr", "expires_in", 7200));
            String id = made.json().get("id").asString();
            String first = made.json().get("url").asString();

            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());
            JsonNode event = Api.JSON.readTree(receiver.received().getFirst().body());
            assertThat(event.get("type").asString()).isEqualTo("reconnect_link.created");
            assertThat(event.get("data").get("reconnect_link_id").asString()).isEqualTo(id);
            assertThat(event.get("data").get("linked_account_id").asString()).isEqualTo("acct-g");
            assertThat(event.get("data").get("app").asString()).isEqualTo("sandbox-ehr");
            assertThat(receiver.received().getFirst().body()).as("no URL, no token in the event")
                    .doesNotContain("lt_test_");

            Api.Response again = server.post("/api/v2/public/reconnect-links/" + id + "/url", Map.of());
            assertThat(again.status()).as(again.text()).isEqualTo(200);
            String second = again.json().get("url").asString();
            assertThat(second).startsWith(api.base() + "/link?token=lt_test_").isNotEqualTo(first);
            assertThat(new LinkDriver(api.base()).openRaw(token(first), null).status())
                    .as("the URL handed out before stops working").isNotEqualTo(302);
            LinkDriver driver = new LinkDriver(api.base());
            driver.open(token(second));
            assertThat(driver.submit(Map.of("username", "user_good", "password", "pass_good")).step()).isEqualTo("succeeded");
            Api.Response finished = server.post("/api/v2/public/reconnect-links/" + id + "/url", Map.of());
            assertThat(finished.status()).as(finished.text()).isEqualTo(409);
            assertThat(finished.json().get("error").asString()).isEqualTo("reconnect_link_finished");
            assertThat(server.post("/api/v2/public/reconnect-links/rl_nope/url", Map.of()).status()).isEqualTo(404);
        } finally {
            receiver.close();
        }
    }

    private static String token(String url) {
        return url.substring(url.indexOf("token=") + "token=".length());
    }

    @Test
    void doesRefuseBadReconnectLinkRequestsAndMakeNothing() {
        String token = link("acct-f", "user_good");
        String connection = connectionId(token);
        int sessions = count("link_session");
        List<Map<String, Object>> bad = List.of(Map.of(), Map.of("linked_account_id", "acct-f"),
                Map.of("connection_id", connection, "linked_account_id", "acct-f", "app", "sandbox-ehr"),
                Map.of("connection_id", connection, "expires_in", 599), Map.of("connection_id", connection, "expires_in", 604_801),
                Map.of("connection_id", connection, "expires_in", "3600"),
                Map.of("connection_id", connection, "email", "a@customer.example, b@customer.example"),
                Map.of("connection_id", connection, "email", "Someone <a@customer.example>"),
                Map.of("connection_id", connection, "email", "not-an-address"),
                Map.of("connection_id", connection, "language", "xx"), Map.of("connection_id", connection, "extra", 1));
        for (Map<String, Object> body : bad) {
            Api.Response r = server.post("/api/v2/public/reconnect-links", body);
            assertThat(r.status()).as(body + ": " + r.text()).isEqualTo(400);
            assertThat(r.json().get("error").asString()).isEqualTo("invalid_request");
        }
        assertThat(server.post("/api/v2/public/reconnect-links", Map.of("connection_id", "conn_nope")).status()).isEqualTo(404);
        assertThat(newOrganization().test().withKey(api).post("/api/v2/public/reconnect-links",
                Map.of("connection_id", connection)).status()).as("another organization's connection").isEqualTo(404);

        assertThat(count("reconnect_link")).isZero();
        assertThat(count("link_session")).isEqualTo(sessions);
    }

    private String state(String id) {
        Api.Response r = server.get("/api/v2/public/reconnect-links/" + id);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("state").asString();
    }

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table + " where org_id = ?").param(org.id()).query(Integer.class).single();
    }
}
