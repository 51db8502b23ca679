package dev.keybridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Accounts;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.NodeProcess;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.web.Ids;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Drives the suite's traffic patterns through a node whose HTTP, security and Keybridge loggers run
 * at DEBUG (Jetty at its pinned level, INFO, but its error handler at DEBUG: the container's refusals),
 * then searches its whole log
 * for every secret the run created or sent, and for any of our token formats left unmasked.
 */
class SecretsInLogsTest extends IntegrationTest {

    private static final Pattern UNMASKED = Pattern.compile(
            "(?<![A-Za-z0-9])((?:kb|cs|lt|pt|at)_(?:test|live)_|(?:ls|sba|sbr|sbc)_|whsec_)[A-Za-z0-9]{6,}"
                    + "|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");

    @Test
    void doesWriteNoSecretToTheLogWhenTheSuitesTrafficRuns() throws Exception {
        Set<String> secrets = new LinkedHashSet<>();
        Path log;
        try (NodeProcess node = NodeProcess.start("secrets-in-logs", databaseUrl(), dataDir(), Map.of(
                "logging.level.org.eclipse.jetty.server.handler.ErrorHandler", "DEBUG",
                "logging.level.dev.keybridge.web.JsonErrorHandler", "DEBUG",
                "logging.level.org.springframework.web", "DEBUG",
                "logging.level.org.springframework.security", "DEBUG",
                "logging.level.dev.keybridge", "DEBUG"))) {
            drive(node, secrets);
            log = Path.of("target", "secrets-in-logs.log");
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            if (text.contains(secret)) {
                found.add(secret);
            }
        }
        Matcher m = UNMASKED.matcher(text);
        while (m.find() && found.size() < 50) {
            found.add(m.group());
        }
        System.out.printf("SECRETS secrets-created=%d log-lines=%d found-in-log=%d%n", secrets.size(),
                text.lines().count(), found.size());
        assertThat(text.lines().count()).as("the node logged at DEBUG").isGreaterThan(200);
        assertThat(found).as("secrets found in the log").isEmpty();
    }

    private void drive(NodeProcess node, Set<String> secrets) throws Exception {
        Api admin = node.api().withHeader("authorization", "Bearer " + ADMIN_TOKEN);
        secrets.add(ADMIN_TOKEN);
        TestOrganization org = node.newOrganization();
        for (TestOrganization.Env env : List.of(org.test(), org.production())) {
            secrets.add(env.apiKey());
            secrets.add(env.clientSecret());
        }
        Api key = org.test().withKey(node.api());
        Api client = org.test().withClient(node.api());
        String appSecret = "third-party-secret-" + Ids.random(20);
        secrets.add(appSecret);
        assertThat(key.put("/api/v2/public/linked-account", Accounts.account("logs-1")
                .yourApp("crm", Map.of("token", appSecret)).body()).status()).isEqualTo(200);
        assertThat(client.get("/api/v2/public/linked-account/logs-1").status()).isEqualTo(200);

        // Wrong guesses are someone's secret too: a mistyped key, client secret, admin token.
        String wrongKey = "kb_test_" + Ids.random(40);
        String wrongSecret = "cs_test_" + Ids.random(40);
        String wrongAdmin = "admin-guess-" + Ids.random(24);
        secrets.addAll(List.of(wrongKey, wrongSecret, wrongAdmin));
        node.api().withHeader("x-api-key", wrongKey).get("/api/v2/public/linked-account");
        node.api().withHeader("client_id", org.test().clientId()).withHeader("client_secret", wrongSecret)
                .get("/api/v2/public/linked-account");
        node.api().withHeader("authorization", "Bearer " + wrongAdmin).get("/admin/v1/organizations");
        admin.get("/admin/v1/organizations?limit=5");

        // Jetty's own refusal of a header line that holds a full key (a control character in it).
        int port = Integer.parseInt(node.api().base().substring(node.api().base().lastIndexOf(':') + 1));
        RawHttp.exchange(port, ("GET /api/v2/public/linked-account HTTP/1.1\r\nHost: x\r\nx-api-key: "
                + org.test().apiKey() + "\u0001\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        RawHttp.exchange(port, ("GET /api/v2/public/linked-account HTTP/1.1\r\nHost: x\r\nclient_secret: "
                + org.test().clientSecret() + "\u0002\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));

        String session = key.post("/api/v2/public/session-token", Map.of("linked_account_id", "logs-1"))
                .json().get("token").asString();
        secrets.add(session);
        assertThat(node.api().withHeader("authorization", "Bearer " + session).get("/api/v3/org/basics").status())
                .isEqualTo(200);

        // Link in a browser-less page flow: link token, session handle, third-party password, public and access token.
        String linkToken = LinkTokens.forUser("logs-1").app("sandbox-ehr").create(key);
        secrets.add(linkToken);
        LinkDriver browser = new LinkDriver(node.api().base());
        browser.open(linkToken);
        secrets.add(browser.handle());
        String password = "pass_good";
        secrets.add(password);
        secrets.add("key_good");    // the sandbox-keys app's API key, injected by the proxy below
        LinkDriver.Page done = browser.submit(Map.of("username", "user_good", "password", password));
        String publicToken = done.publicToken();
        assertThat(publicToken).as(done.html()).isNotNull();
        secrets.add(publicToken);
        secrets.add(LinkTokens.exchange(key, publicToken));

        // Sandbox apps through the proxy: the third-party key and OAuth tokens are injected upstream.
        for (String app : List.of("sandbox-keys", "sandbox-oauth")) {
            Api.Response created = key.post("/sandbox/public_token/create", Map.of("linked_account_id", "logs-1", "app", app));
            String pt = created.json().get("public_token").asString();
            secrets.add(pt);
            String access = LinkTokens.exchange(key, pt);
            secrets.add(access);
            assertThat(key.withHeader("access_token", access).get("/v1/proxy/me").status()).isEqualTo(200);
            if (app.equals("sandbox-oauth")) {
                assertThat(key.post("/sandbox/connection/expire_token", Map.of("access_token", access)).status())
                        .isEqualTo(200);
                assertThat(key.withHeader("access_token", access).get("/v1/proxy/me").status()).isEqualTo(200);
            }
        }
        Api.Response hook = key.post("/api/v2/public/webhook", Map.of("url", "http://127.0.0.1:9/hook"));
        if (hook.status() == 201 || hook.status() == 200) {
            hook.json().findValues("secret").forEach(s -> secrets.add(s.asString()));
        }
    }
}
