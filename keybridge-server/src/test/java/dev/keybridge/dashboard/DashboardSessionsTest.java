package dev.keybridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.dashboard.signin.Invites;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Secrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Dashboard sessions live in PostgreSQL: a second node on the same database serves a session made on
 * the first (no sticky sessions), sign-out on one node is seen on the other, sign-in gives a new
 * token, and the table holds only hashes of the tokens.
 */
class DashboardSessionsTest extends IntegrationTest {

    private static ConfigurableApplicationContext secondNode;
    private static int secondPort;

    @Autowired
    private Invites invites;

    @BeforeAll
    static void startSecond() {
        secondNode = startSecondNode(5);
        secondPort = Integer.parseInt(secondNode.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stopSecond() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void doesServeTheSessionOnTheSecondNodeWhenItWasMadeOnTheFirst() {
        TestOrganization org = newOrganization();
        String email = FormBrowser.owner(port, invites, org.id());
        FormBrowser a = new FormBrowser(port);
        assertThat(a.signIn(email, ConsoleDriver.PASSWORD).statusCode()).isEqualTo(302);
        FormBrowser b = a.onPort(secondPort);

        HttpResponse<String> onB = b.get("/dashboard/accounts");

        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(onB.body()).contains(email);
        // A change made on B (the environment switch, a CSRF-checked form) is what A shows next.
        HttpResponse<String> switched = b.submit("/dashboard/accounts", "/dashboard/environment",
                Map.of("environment", "production", "back", "/dashboard/accounts"));
        assertThat(switched.statusCode()).isEqualTo(302);
        assertThat(a.get("/dashboard/accounts").body()).contains("PRODUCTION — changes are live");
    }

    @Test
    void doesEndTheSessionOnEveryNodeWhenSignedOutOnOne() {
        String email = FormBrowser.owner(port, invites, newOrganization().id());
        FormBrowser a = new FormBrowser(port);
        a.signIn(email, ConsoleDriver.PASSWORD);
        String token = a.cookie("kb_dashboard");
        assertThat(a.getWithCookie("/dashboard/accounts", "kb_dashboard=" + token).statusCode()).isEqualTo(200);

        HttpResponse<String> out = a.onPort(secondPort).submit("/dashboard", "/dashboard/signout", Map.of());

        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("location").orElseThrow()).endsWith("/dashboard/signin?signedout");
        assertThat(rowsOf(token)).isZero();
        // The old cookie, replayed on the first node, is worth nothing there either.
        HttpResponse<String> replay = a.getWithCookie("/dashboard/accounts", "kb_dashboard=" + token);
        assertThat(replay.statusCode()).isEqualTo(302);
        assertThat(replay.headers().firstValue("location").orElseThrow()).contains("/dashboard/signin");
    }

    @Test
    void doesGiveTheSessionANewTokenWhenTheOperatorSignsIn() {
        String email = FormBrowser.owner(port, invites, newOrganization().id());
        FormBrowser a = new FormBrowser(port);
        a.get("/dashboard/signin");
        String before = a.cookie("kb_dashboard");
        assertThat(before).hasSize(43);

        a.signIn(email, ConsoleDriver.PASSWORD);

        String after = a.cookie("kb_dashboard");
        assertThat(after).hasSize(43).isNotEqualTo(before);
        assertThat(rowsOf(before)).isZero();
        HttpResponse<String> fixated = a.getWithCookie("/dashboard/accounts", "kb_dashboard=" + before);
        assertThat(fixated.statusCode()).isEqualTo(302);
        assertThat(a.getWithCookie("/dashboard/accounts", "kb_dashboard=" + after).statusCode()).isEqualTo(200);
    }

    @Test
    void doesKeepOnlyAHashOfTheTokenWhenStoringASession() {
        String email = FormBrowser.owner(port, invites, newOrganization().id());
        FormBrowser a = new FormBrowser(port);
        a.signIn(email, ConsoleDriver.PASSWORD);
        a.get("/dashboard/accounts");
        String token = a.cookie("kb_dashboard");

        assertThat(rowsOf(token)).isOne();
        assertThat(jdbc.sql("select count(*) from dashboard_session s where s::text like ?").param("%" + token + "%")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from dashboard_session_attribute where position(convert_to(?, 'UTF8') in value) > 0")
                .param(token).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from dashboard_session_attribute a join dashboard_session s on s.id = a.session_id "
                        + "where s.token_hash = ?").param(Secrets.hash(token)).query(Long.class).single())
                .as("the security context and the CSRF token are stored").isGreaterThanOrEqualTo(2);
    }

    @Test
    void doesDeleteTheSessionsOfAnOperatorWhenTheOperatorIsRemoved() {
        TestOrganization org = newOrganization();
        FormBrowser owner = new FormBrowser(port);
        owner.signIn(FormBrowser.owner(port, invites, org.id()), ConsoleDriver.PASSWORD);
        String memberEmail = FormBrowser.owner(port, invites, org.id());
        FormBrowser member = new FormBrowser(secondPort);
        member.signIn(memberEmail, ConsoleDriver.PASSWORD);
        String token = member.cookie("kb_dashboard");
        assertThat(rowsOf(token)).isOne();
        String memberId = jdbc.sql("select id from operator where email = ?").param(memberEmail).query(String.class).single();

        owner.submit("/dashboard/members", "/dashboard/members/remove", Map.of("id", memberId));

        assertThat(rowsOf(token)).isZero();
        HttpResponse<String> next = member.get("/dashboard/accounts");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("location").orElseThrow()).contains("/dashboard/signin");
    }

    @Test
    void doesMarkTheCookieSecureWhenTheRequestCameOverHttps() throws Exception {
        try (var http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/dashboard/signin"))
                    .header("x-forwarded-proto", "https").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().allValues("set-cookie")).singleElement().asString()
                    .startsWith("kb_dashboard=").contains("Path=/dashboard", "HttpOnly", "SameSite=Strict", "Secure");
        }
    }

    private long rowsOf(String token) {
        return jdbc.sql("select count(*) from dashboard_session where token_hash = ?").param(Secrets.hash(token))
                .query(Long.class).single();
    }
}
