package dev.keybridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.dashboard.signin.Invites;
import dev.keybridge.dashboard.signin.Role;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Bootstrap;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sign-in rules over plain HTTP: the API chain unchanged, CSRF, throttling, the setup link, headers. */
class DashboardSigninTest extends IntegrationTest {

    @Autowired
    private Invites invites;

    @Autowired
    private KeybridgeSettings settings;

    private String owner(TestOrganization org) {
        return FormBrowser.owner(port, invites, org.id());
    }


    @Test
    void doesLeaveTheApiAuthAsItWasWhenTheDashboardChainIsAdded() {
        Api.Response r = api.get("/api/v2/public/linked-account");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asString()).isEqualTo("unauthorized");
        assertThat(r.header("set-cookie")).isNull();
        HttpResponse<String> page = new FormBrowser(port).get("/dashboard/accounts");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("location").orElseThrow()).endsWith("/dashboard/signin");
    }

    @Test
    void doesSendTheSecurityHeadersAndAnHttpOnlyStrictCookieWhenTheSignInPageLoads() {
        HttpResponse<String> r = new FormBrowser(port).get("/dashboard/signin");
        assertThat(r.headers().firstValue("content-security-policy").orElseThrow())
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'");
        assertThat(r.headers().firstValue("x-frame-options")).contains("DENY");
        String cookie = r.headers().firstValue("set-cookie").orElseThrow();
        assertThat(cookie).startsWith("kb_dashboard=").contains("HttpOnly", "SameSite=Strict", "Path=/dashboard")
                .doesNotContain("Secure");  // plain HTTP here; the container adds Secure on HTTPS requests
    }

    @Test
    void doesChangeNothingWhenAFormComesWithoutItsCsrfToken() {
        TestOrganization org = newOrganization();
        String email = owner(org);
        FormBrowser b = new FormBrowser(port);
        assertThat(b.signIn(email, ConsoleDriver.PASSWORD).headers().firstValue("location").orElseThrow())
                .endsWith("/dashboard");
        long before = credentials(org.id());
        assertThat(b.get("/dashboard/credentials").statusCode()).isEqualTo(200);

        HttpResponse<String> r = b.post("/dashboard/credentials", Map.of("name", "no token"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("This form was stale or your session has expired").doesNotContain("Exception");
        assertThat(credentials(org.id())).isEqualTo(before);
        HttpResponse<String> ok = b.submit("/dashboard/credentials", "/dashboard/credentials", Map.of("name", "with token"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("kb_test_");
        assertThat(credentials(org.id())).isEqualTo(before + 1);
    }

    @Test
    void doesRefuseAnAddressForAWhileWhenItsPasswordFailedTooOften() {
        String email = owner(newOrganization());
        FormBrowser b = new FormBrowser(port);
        try {
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> wrong = b.signIn(email, "wrong password " + i);
                assertThat(wrong.statusCode()).isEqualTo(401);
                assertThat(wrong.body()).contains("is not right");
            }
            HttpResponse<String> locked = b.signIn(email, ConsoleDriver.PASSWORD);
            assertThat(locked.statusCode()).isEqualTo(429);
            assertThat(locked.headers().firstValue("retry-after")).isPresent();
            assertThat(locked.body()).contains("Too many failed attempts").contains("value=\"" + email + "\"");

            clock.advance(Duration.ofMinutes(16));
            HttpResponse<String> ok = b.signIn(email, ConsoleDriver.PASSWORD);
            assertThat(ok.statusCode()).isEqualTo(302);
            assertThat(ok.headers().firstValue("location").orElseThrow()).endsWith("/dashboard");
        } finally {
            clock.reset();
        }
    }

    @Test
    void doesKeepWhatWasTypedAndTheLinkUnspentWhenTheSetupPasswordIsTooShort() {
        TestOrganization org = newOrganization();
        String token = invites.issue(org.id(), null, Role.OWNER).token();
        FormBrowser b = new FormBrowser(port);

        HttpResponse<String> r = b.submit("/dashboard/setup?token=" + token, "/dashboard/setup",
                Map.of("token", token, "email", "ann@example.com", "password", "short"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("id=\"password-error\"", "12 to 200 characters", "value=\"ann@example.com\"");
        assertThat(b.get("/dashboard/setup?token=" + token).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from operator where org_id = ?").param(org.id()).query(Long.class).single())
                .isZero();
        HttpResponse<String> used = b.submit("/dashboard/setup?token=" + token, "/dashboard/setup",
                Map.of("token", token, "email", "ann-" + System.nanoTime() + "@example.com", "password", ConsoleDriver.PASSWORD));
        assertThat(used.statusCode()).isEqualTo(302);
        assertThat(b.get("/dashboard/setup?token=" + token).statusCode()).as("the link works once").isEqualTo(404);
    }

    @Test
    void doesWriteTheFirstOwnersSetupLinkToTheBootstrapFileAndNotTheLog() throws IOException {
        String file = Files.readString(dataDir().resolve(Bootstrap.FILE));
        Matcher m = Pattern.compile("\"dashboard_setup_url\" : \"([^\"]+)\"").matcher(file);
        assertThat(m.find()).as(file).isTrue();
        String url = m.group(1);
        assertThat(url).contains("/dashboard/setup?token=kbi_");

        HttpResponse<String> setup = new FormBrowser(port).get(url.substring(url.indexOf("/dashboard/")));

        assertThat(setup.statusCode()).isEqualTo(200);
        assertThat(setup.body()).contains("You are joining as <strong>owner</strong>", "name=\"email\"");
        assertThat(Files.getPosixFilePermissions(dataDir().resolve(Bootstrap.FILE)).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void doesEndARemovedMembersSessionAtItsNextRequest() {
        TestOrganization org = newOrganization();
        FormBrowser owner = new FormBrowser(port);
        owner.signIn(owner(org), ConsoleDriver.PASSWORD);
        String memberEmail = owner(org);
        FormBrowser member = new FormBrowser(port);
        member.signIn(memberEmail, ConsoleDriver.PASSWORD);
        assertThat(member.get("/dashboard/accounts").statusCode()).isEqualTo(200);
        String memberId = jdbc.sql("select id from operator where email = ?").param(memberEmail).query(String.class).single();

        HttpResponse<String> removed = owner.submit("/dashboard/members", "/dashboard/members/remove", Map.of("id", memberId));

        assertThat(removed.statusCode()).isEqualTo(302);
        HttpResponse<String> next = member.get("/dashboard/accounts");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("location").orElseThrow()).contains("/dashboard/signin");
        assertThat(member.signIn(memberEmail, ConsoleDriver.PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void doesSignOutAndSaySoWhenTheIdleTimeoutPassesWithoutARequest() {
        Duration idle = settings.dashboard().idleTimeout();
        String email = owner(newOrganization());
        FormBrowser b = new FormBrowser(port);
        b.signIn(email, ConsoleDriver.PASSWORD);
        try {
            clock.advance(idle.minusMinutes(1));
            assertThat(b.get("/dashboard/accounts").statusCode()).as("activity just within the timeout").isEqualTo(200);
            clock.advance(idle.minusMinutes(1));
            assertThat(b.get("/dashboard/accounts").statusCode()).as("each request starts the timeout again").isEqualTo(200);

            clock.advance(idle.plusMinutes(1));
            HttpResponse<String> expired = b.get("/dashboard/accounts");

            assertThat(expired.statusCode()).isEqualTo(302);
            String location = expired.headers().firstValue("location").orElseThrow();
            assertThat(location).endsWith("/dashboard/signin?expired");
            HttpResponse<String> page = b.get(location.substring(location.indexOf("/dashboard/")));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("You were signed out after a while without activity")
                    .doesNotContain(email);
            assertThat(b.get("/dashboard/accounts").statusCode()).as("still signed out").isEqualTo(302);
            assertThat(b.signIn(email, ConsoleDriver.PASSWORD).statusCode()).isEqualTo(302);
            assertThat(b.get("/dashboard/accounts").statusCode()).isEqualTo(200);
        } finally {
            clock.reset();
        }
    }

    private long credentials(String orgId) {
        return jdbc.sql("select count(*) from environment_credential where org_id = ?").param(orgId).query(Long.class).single();
    }


}
