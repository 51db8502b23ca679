package dev.keybridge.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.support.Api;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The credential-use audit log over real HTTP: proxy calls recorded, the chain verified, the query API. */
class AuditLogTest extends HealthIntegrationTest {

    private TestOrganization org;
    private Api server;
    private String token;

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
        enable(server, "fake-keys");
        token = connect(org, Environment.TEST, "acct-1", "fake-keys", Map.of("api_key", "secret-key-1"), null);
    }

    private long records(String action) {
        return jdbc.sql("select count(*) from audit_record where org_id = ? and environment = 'test' and action = ?")
                .params(org.id(), action).query(Long.class).single();
    }

    private void proxyCalls(int n) {
        for (int i = 0; i < n; i++) {
            assertThat(proxy(server, token, "GET", "echo/item-" + i + "?secret_q=hidden-" + i, null).status())
                    .isEqualTo(201);    // the fake provider's echo
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> records("proxy.call") == n);
    }

    @Test
    void doesRecordEveryProxyCallWithoutSecretsWhenCallsAreMade() {
        proxyCalls(12);

        JsonNode page = server.get("/api/v2/public/audit?action=proxy.call&limit=200").json();
        List<JsonNode> docs = new ArrayList<>();
        page.get("docs").forEach(docs::add);
        assertThat(docs).hasSize(12);
        JsonNode newest = docs.getFirst();
        assertThat(newest.get("actor_type").asString()).isEqualTo("api_key");
        assertThat(newest.get("actor_id").asString()).isNotBlank();
        JsonNode d = newest.get("detail");
        assertThat(d.get("method").asString()).isEqualTo("GET");
        assertThat(d.get("path").asString()).isEqualTo("/echo/item-11");
        assertThat(d.get("host").asString()).isNotBlank();
        assertThat(d.get("status").asInt()).isEqualTo(201);
        assertThat(d.get("response_bytes").asLong()).isPositive();
        assertThat(d.has("duration_ms")).isTrue();
        String all = String.join("\n", jdbc.sql("select detail::text from audit_record where org_id = ?")
                .params(org.id()).query(String.class).list());
        assertThat(all).doesNotContain("secret-key-1", org.test().apiKey(), token, "hidden", "secret_q");
        assertThat(server.get("/api/v2/public/audit/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void doesPageWithACursorAndFilterWhenAskedForFewerRecords() {
        proxyCalls(5);

        JsonNode first = server.get("/api/v2/public/audit?action=proxy.call&limit=2").json();
        assertThat(first.get("docs")).hasSize(2);
        String cursor = first.get("nextCursor").asString();
        JsonNode second = server.get("/api/v2/public/audit?action=proxy.call&limit=2&cursor=" + cursor).json();
        assertThat(second.get("docs")).hasSize(2);
        assertThat(second.get("docs").get(0).get("seq").asLong())
                .isLessThan(first.get("docs").get(1).get("seq").asLong());
        JsonNode third = server.get("/api/v2/public/audit?action=proxy.call&limit=2&cursor="
                + second.get("nextCursor").asString()).json();
        assertThat(third.get("docs")).hasSize(1);
        assertThat(third.get("nextCursor").isNull()).isTrue();
        String connectionId = first.get("docs").get(0).get("connection_id").asString();
        assertThat(server.get("/api/v2/public/audit?connection_id=" + connectionId + "&limit=200").json().get("docs"))
                .hasSize(5);
        assertThat(server.get("/api/v2/public/audit?connection_id=conn_other").json().get("docs")).isEmpty();
        assertThat(server.get("/api/v2/public/audit?since=2999-01-01T00:00:00Z").json().get("docs")).isEmpty();
    }

    @Test
    void doesNameTheFirstBrokenRecordWhenARowIsDeleted() {
        proxyCalls(6);
        List<Long> seqs = seqs();

        jdbc.sql("delete from audit_record where org_id = ? and seq = ?").params(org.id(), seqs.get(2)).update();

        JsonNode v = server.get("/api/v2/public/audit/verify").json();
        assertThat(v.get("valid").asBoolean()).isFalse();
        assertThat(v.get("checked").asLong()).isEqualTo(2);
        assertThat(v.get("first_broken").get("seq").asLong()).isEqualTo(seqs.get(3));
        assertThat(v.get("first_broken").get("at").asString()).isNotBlank();
    }

    @Test
    void doesNameTheEditedRecordWhenItsDetailIsChanged() {
        proxyCalls(6);
        List<Long> seqs = seqs();

        jdbc.sql("update audit_record set detail = jsonb_set(detail, '{status}', '500') where org_id = ? and seq = ?")
                .params(org.id(), seqs.get(4)).update();

        JsonNode v = server.get("/api/v2/public/audit/verify").json();
        assertThat(v.get("valid").asBoolean()).isFalse();
        assertThat(v.get("first_broken").get("seq").asLong()).isEqualTo(seqs.get(4));
    }

    @Test
    void doesNameTheHeadWhenTheNewestRecordIsDeleted() {
        proxyCalls(3);
        List<Long> seqs = seqs();

        jdbc.sql("delete from audit_record where org_id = ? and seq = ?").params(org.id(), seqs.getLast()).update();

        JsonNode v = server.get("/api/v2/public/audit/verify").json();
        assertThat(v.get("valid").asBoolean()).isFalse();
        assertThat(v.get("first_broken").get("seq").asLong()).isEqualTo(seqs.getLast());
    }

    @Test
    void doesShowNothingToAnotherOrganizationOrEnvironmentWhenTheyAsk() {
        proxyCalls(2);
        TestOrganization other = newOrganization();

        assertThat(other.test().withKey(api).get("/api/v2/public/audit").json().get("docs")).isEmpty();
        assertThat(org.production().withKey(api).get("/api/v2/public/audit").json().get("docs")).isEmpty();
        JsonNode v = org.production().withKey(api).get("/api/v2/public/audit/verify").json();
        assertThat(v.get("valid").asBoolean()).isTrue();
        assertThat(v.get("checked").asLong()).isZero();
        assertThat(server.get("/api/v2/public/audit/verify").json().get("checked").asLong())
                .as("the two calls, and the change that enabled the app").isEqualTo(2 + records("change.applied"));
    }

    @Test
    void doesAnswer400WhenAParameterIsBad() {
        for (String query : List.of("limit=0", "limit=201", "limit=x", "cursor=nope", "since=yesterday", "until=1")) {
            Api.Response r = server.get("/api/v2/public/audit?" + query);
            assertThat(r.status()).as(query + ": " + r.text()).isEqualTo(400);
            assertThat(r.json().get("error").asString()).as(query).isEqualTo("invalid_request");
        }
    }

    @Test
    void doesStreamJsonLinesAndCsvOldestFirstWhenExporting() throws Exception {
        proxyCalls(3);

        Api.Response jsonl = server.get("/api/v2/public/audit/export?format=jsonl&action=proxy.call");
        assertThat(jsonl.status()).as(jsonl.text()).isEqualTo(200);
        assertThat(jsonl.header("content-type")).startsWith("application/x-ndjson");
        List<String> lines = jsonl.text().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(Api.JSON.readTree(lines.getFirst()).at("/detail/path").asString()).isEqualTo("/echo/item-0");
        Api.Response csv = server.get("/api/v2/public/audit/export?format=csv&action=proxy.call");
        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        assertThat(csv.header("content-type")).startsWith("text/csv");
        List<String> rows = csv.text().lines().toList();
        assertThat(rows.getFirst()).isEqualTo("seq,at,actor_type,actor_id,action,connection_id,detail,hash");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).contains("\"proxy.call\"", "\"\"path\"\":\"\"/echo/item-0\"\"");
        assertThat(server.get("/api/v2/public/audit/export?format=xml").status()).isEqualTo(400);
        HttpResponse<String> empty = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(api.base() + "/api/v2/public/audit/export?format=jsonl"))
                .header("x-api-key", org.production().apiKey()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).as("another environment's export").isEmpty();
    }

    @Test
    void doesRecordTheDeletionWithItsActorWhenAConnectionIsDisconnected() {
        Api.Response r = server.withHeader("access_token", token).delete("/v1/connection");
        assertThat(r.status()).as(r.text()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> records("connection.deleted") == 1);
        JsonNode doc = server.get("/api/v2/public/audit?action=connection.deleted").json().get("docs").get(0);
        assertThat(doc.get("actor_type").asString()).isEqualTo("api_key");
        assertThat(doc.at("/detail/app").asString()).isEqualTo("fake-keys");
        assertThat(server.get("/api/v2/public/audit/verify").json().get("valid").asBoolean()).isTrue();
    }

    private List<Long> seqs() {
        return jdbc.sql("select seq from audit_record where org_id = ? and environment = 'test' order by seq")
                .params(org.id()).query(Long.class).list();
    }
}
