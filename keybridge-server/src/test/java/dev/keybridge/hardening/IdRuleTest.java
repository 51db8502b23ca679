package dev.keybridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Accounts;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;

/**
 * The one rule for ids a caller chooses ({@code web.Ids.chosen}): every id it accepts can be read and
 * deleted through its path routes over real HTTP, and every id it refuses is a 400 naming the field on
 * every route that takes one (body, header, path, query), with nothing changed.
 */
class IdRuleTest extends IntegrationTest {

    private static final String ACCOUNTS = "/api/v2/public/linked-account";
    private static final String SLUG = "sandbox-keys";
    private static final String CONFIGS = "/api/v2/public/slug/" + SLUG + "/config/";

    /**
     * Refused: controls (tab, LF, CR, DEL, C1 NEL), separators U+2028/U+2029, format (zero-width space,
     * BOM), private-use and unassigned code points, / \ ; %, white space at either end (NBSP too), . and ..
     */
    private static final List<String> REFUSED = List.of("a\tb", "a\nb", "a\rb", "a\u007fb", "a\u0085b", "a\u2028b",
            "a\u2029b", "a\u200bb", "\ufeffa", "a\ue000b", "a\u0378b", "a;b", "a%b", "a%2Fb", "a/b", "a\\b", ".", "..",
            " a", "a ", "\u00a0a", "a\u3000", "x".repeat(256));

    /**
     * Refused in the linked_account_id header: printable ids outside the rule, and the same
     * percent-encoded (how an id beyond ASCII is sent there), plus what is not percent-encoded UTF-8.
     */
    private static final List<String> REFUSED_IN_HEADERS = List.of("a;b", "a/b", "a\\b", ".", "..", "x".repeat(256),
            "a%3Bb", "a%E2%80%8Bb", "%2E%2E", "%20a", "a%zz", "a%C3", "a%", "a%20");

    /** Refused ids that Jetty and the firewall let through to a path route (encoded). */
    private static final List<String> REFUSED_IN_PATHS = List.of("a%E2%80%8Bb", "%EF%BB%BFa", "%C2%A0a", "%20a", "a%20",
            "x".repeat(256));

    private TestOrganization org;
    private Api server;

    @BeforeEach
    void organization() {
        org = newOrganization();
        server = org.test().withKey(api);
        Api.Response schema = server.put("/api/v2/public/config-schema/" + SLUG,
                Map.of("fields", List.of(Map.of("id", "note", "name", "Note", "type", "text"))));
        assertThat(schema.status()).as(schema.text()).isEqualTo(200);
        assertThat(server.put(ACCOUNTS, Accounts.account("existing").body()).status()).isEqualTo(200);
    }

    /** The ids at the edges of the rule: both lengths, every allowed punctuation mark alone and inside, dots, spaces. */
    static List<String> edges() {
        List<String> ids = new ArrayList<>(List.of("a", "Z", "0", "x".repeat(255), "a b", "a  b", "...", ".a", "a.",
                "a..b", ".hidden", "user@example.com", "tenant:42|user+7", "\"quoted\"", "a&b=c", "~x", "ann:\u00fc 1",
                "caf\u00e9", "\u65e5\u672c\u8a9e", "\ud83d\udd11key", "\u00e9".repeat(255), "a\u00a0b", "\uff0f\uff05",
                "\u0645\u0631\u062d\u0628\u0627", "e\u0301"));
        for (char c = 0x21; c < 0x7f; c++) {
            if (!Character.isLetterOrDigit(c) && "/\\;%".indexOf(c) < 0) {
                if (c != '.') {
                    ids.add(String.valueOf(c));
                }
                ids.add("p" + c + "q");
            }
        }
        return ids;
    }

    private static String path(String id) {
        return UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
    }

    private static String query(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    /** As a client sends it in the linked_account_id header: as it is in ASCII, else percent-encoded UTF-8. */
    private static String header(String id) {
        return id.chars().allMatch(c -> c < 0x80) ? id : UriUtils.encode(id, StandardCharsets.UTF_8);
    }

    @Test
    void doesCreateReadAndDeleteEveryIdAtTheEdgesOfTheRuleThroughItsPaths() {
        for (String id : edges()) {
            Api.Response created = server.put(ACCOUNTS, Accounts.account(id).body());
            assertThat(created.status()).as(id + ": " + created.text()).isEqualTo(200);
            JsonNode read = server.get(ACCOUNTS + "/" + path(id)).json();
            assertThat(read.path("account_id").asString()).as(id).isEqualTo(id);
            assertThat(server.get(ACCOUNTS + "?linked_account_id=" + query(id)).json().get("totalDocs").asInt())
                    .as(id).isEqualTo(1);
            assertThat(server.post("/api/v2/public/session-token", Map.of("linked_account_id", id)).status())
                    .as(id).isEqualTo(200);

            Api forAccount = server.withHeader("linked_account_id", header(id));
            Api.Response config = forAccount.post("/api/v2/public/config", Map.of("slug", SLUG, "config_id", id));
            assertThat(config.status()).as(id + ": " + config.text()).isEqualTo(200);
            assertThat(forAccount.get(CONFIGS + path(id)).json().path("config_id").asString()).as(id).isEqualTo(id);
            assertThat(forAccount.delete(CONFIGS + path(id)).status()).as(id).isEqualTo(200);
            assertThat(forAccount.get(CONFIGS + path(id)).status()).as(id).isEqualTo(404);

            Api.Response deleted = server.delete(ACCOUNTS + "/" + path(id));
            assertThat(deleted.status()).as(id + ": " + deleted.text()).isEqualTo(200);
            assertThat(server.get(ACCOUNTS + "/" + path(id)).status()).as(id).isEqualTo(404);
        }
    }

    @Test
    void doesReadARawUtf8HeaderAsItsIdAndRefuseBytesThatAreNotUtf8WithA400() {
        String id = "ann:\u00fc 1";
        assertThat(server.put(ACCOUNTS, Accounts.account(id).body()).status()).isEqualTo(200);
        String key = "x-api-key: " + org.test().apiKey();

        RawHttp.Answer created = RawHttp.send(port, "POST", "/api/v2/public/config", "{\"slug\":\"" + SLUG
                + "\",\"config_id\":\"raw\"}", key, "content-type: application/json", "linked_account_id: " + raw(id));
        RawHttp.Answer notUtf8 = RawHttp.send(port, "POST", "/api/v2/public/config", "{\"slug\":\"" + SLUG
                + "\",\"config_id\":\"raw\"}", key, "content-type: application/json", "linked_account_id: ann\u00ff1");
        RawHttp.Answer notUtf8Client = RawHttp.send(port, "GET", ACCOUNTS, null, "client_id: ci_test_\u00e9",
                "client_secret: cs_test_x");

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(server.withHeader("linked_account_id", header(id)).get(CONFIGS + "raw").status())
                .as("the config made with the raw UTF-8 header is the account's, read by its percent-encoded id")
                .isEqualTo(200);
        assertThat(ErrorShape.check(notUtf8, 400, "invalid_request").get("message").asString())
                .contains("'linked_account_id'", "not UTF-8");
        assertThat(ErrorShape.check(notUtf8Client, 400, "invalid_request").get("message").asString())
                .contains("'client_id'", "not UTF-8");
    }

    /** The UTF-8 bytes of {@code text}, one character each (how RawHttp writes a header line). */
    private static String raw(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void doesRefuseEveryIdOutsideTheRuleWithA400NamingTheFieldAndChangeNothing() {
        Map<String, String> before = TableChecksum.settled(jdbc, org.id());
        Map<String, Function<String, Api.Response>> bodies = new LinkedHashMap<>();
        bodies.put("linked_account_id PUT linked-account", id -> server.put(ACCOUNTS, Map.of("linked_account_id", id)));
        bodies.put("linked_account_id POST linked-account", id -> server.post(ACCOUNTS, Map.of("linked_account_id", id)));
        bodies.put("linked_account_id session-token", id -> server.post("/api/v2/public/session-token",
                Map.of("linked_account_id", id)));
        bodies.put("linked_account_id session-token/revoke", id -> server.post("/api/v2/public/session-token/revoke",
                Map.of("linked_account_id", id)));
        bodies.put("user_id link/token/create", id -> server.post("/link/token/create", Map.of("user_id", id)));
        bodies.put("linked_account_id sandbox/public_token/create", id -> server.post("/sandbox/public_token/create",
                Map.of("linked_account_id", id, "app", SLUG)));
        bodies.put("linked_account_id migrate-token", id -> server.put("/api/v2/public/migrate-token",
                Map.of("linked_account_id", id, "slug", SLUG, "auth_object", Map.of("api_key", "key_good"))));
        bodies.put("linked_account_id POST config", id -> server.post("/api/v2/public/config",
                Map.of("linked_account_id", id, "slug", SLUG)));
        bodies.put("config_id POST config", id -> server.post("/api/v2/public/config",
                Map.of("linked_account_id", "existing", "slug", SLUG, "config_id", id)));
        bodies.put("config_id PUT config", id -> server.put("/api/v2/public/config",
                Map.of("linked_account_id", "existing", "slug", SLUG, "config_id", id)));
        bodies.forEach((route, call) -> REFUSED.forEach(id -> refused(call.apply(id), route, id)));

        Map<String, Function<String, Api.Response>> headers = new LinkedHashMap<>();
        headers.put("linked_account_id GET application", id -> server.withHeader("linked_account_id", id)
                .get("/api/v2/public/application"));
        headers.put("linked_account_id GET config", id -> server.withHeader("linked_account_id", id).get(CONFIGS + "x"));
        headers.put("linked_account_id DELETE config", id -> server.withHeader("linked_account_id", id).delete(CONFIGS + "x"));
        headers.put("linked_account_id proxy", id -> server.withHeader("linked_account_id", id).withHeader("slug", SLUG)
                .get("/v1/proxy/me"));
        headers.forEach((route, call) -> REFUSED_IN_HEADERS.forEach(id -> refused(call.apply(id), route, id)));

        Map<String, Function<String, Api.Response>> paths = new LinkedHashMap<>();
        paths.put("linked_account_id GET linked-account/{id}", id -> server.get(ACCOUNTS + "/" + id));
        paths.put("linked_account_id DELETE linked-account/{id}", id -> server.delete(ACCOUNTS + "/" + id));
        paths.put("linked_account_id GET linked-account/{id}/connections", id -> server.get(ACCOUNTS + "/" + id + "/connections"));
        paths.put("linked_account_id GET linked-account?linked_account_id=", id -> server.get(ACCOUNTS + "?linked_account_id=" + id));
        paths.put("config_id GET config/{id}", id -> server.withHeader("linked_account_id", "existing").get(CONFIGS + id));
        paths.put("config_id DELETE config/{id}", id -> server.withHeader("linked_account_id", "existing").delete(CONFIGS + id));
        paths.forEach((route, call) -> REFUSED_IN_PATHS.forEach(id -> refused(call.apply(id), route, id)));

        assertThat(TableChecksum.of(jdbc, org.id())).as("every table, before and after").isEqualTo(before);
    }

    private static void refused(Api.Response r, String route, String id) {
        String field = route.substring(0, route.indexOf(' '));
        String what = route + " with " + id.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + ": " + r.text();
        ErrorShape.check(r, 400, "invalid_request");
        assertThat(r.json().get("message").asString()).as(what).contains("'" + field + "'");
    }
}
