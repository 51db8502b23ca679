package dev.keybridge.account;

import static dev.keybridge.support.Accounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LinkedAccountApiTest extends IntegrationTest {

    private static final String PATH = "/api/v2/public/linked-account";

    private TestOrganization org;
    private Api server;

    @BeforeEach
    void organization() {
        org = newOrganization();
        server = org.test().withKey(api);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void doesAnswerWithExactlyTheSeedFieldsWhenUpsertCreates() {
        Api.Response r = server.put(PATH, account("account:12345").name("Mark Wood")
                .udf("phone", "1234567890").udf("address", "121, Queen Street").body());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("x-keybridge-result")).isEqualTo("created");
        JsonNode a = r.json();
        assertThat(a.propertyNames()).containsExactly("_id", "associated_org", "account_id", "environment", "name",
                "udf", "createdAt", "updatedAt", "__v");
        assertThat(a.get("_id").asString()).matches("[0-9a-f]{24}");
        assertThat(a.get("associated_org").asString()).isEqualTo(org.id());
        assertThat(a.get("account_id").asString()).isEqualTo("account:12345");
        assertThat(a.get("environment").asString()).isEqualTo("test");
        assertThat(a.get("name").asString()).isEqualTo("Mark Wood");
        assertThat(a.get("__v").asInt()).isZero();
        assertThat(a.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode phone = a.get("udf").get(0);
        assertThat(phone.propertyNames()).containsExactly("key_name", "key_value", "_id", "createdAt", "updatedAt");
        assertThat(phone.get("key_name").asString()).isEqualTo("phone");
        assertThat(phone.get("key_value").asString()).isEqualTo("1234567890");
        assertThat(a.get("udf").get(1).get("key_name").asString()).isEqualTo("address");
    }

    @Test
    void doesMergeUdfAndBumpVersionWhenUpsertChangesSomething() {
        JsonNode first = server.put(PATH, account("merge-1").name("Ann").udf("phone", "1").udf("city", "Oslo")
                .udf("plan", "free").body()).json();
        clock.advance(Duration.ofSeconds(1));     // the update's timestamps differ from the create's

        Api.Response second = server.put(PATH, account("merge-1").udf("phone", "2").udf("city", "Oslo")
                .udf("plan", null).udf("seats", 3).body());

        assertThat(second.header("x-keybridge-result")).isEqualTo("updated");
        JsonNode a = second.json();
        assertThat(a.get("__v").asInt()).isEqualTo(1);
        assertThat(a.get("name").asString()).as("name not sent is kept").isEqualTo("Ann");
        Map<String, JsonNode> udf = byKey(a.get("udf"));
        assertThat(udf.keySet()).containsExactly("phone", "city", "seats");
        Map<String, JsonNode> before = byKey(first.get("udf"));
        assertThat(udf.get("phone").get("key_value").asString()).isEqualTo("2");
        assertThat(udf.get("phone").get("_id")).isEqualTo(before.get("phone").get("_id"));
        assertThat(udf.get("phone").get("createdAt")).isEqualTo(before.get("phone").get("createdAt"));
        assertThat(udf.get("phone").get("updatedAt")).isNotEqualTo(before.get("phone").get("updatedAt"));
        assertThat(udf.get("city")).as("an unchanged value keeps id and timestamps").isEqualTo(before.get("city"));
        assertThat(udf.get("seats").get("key_value").asInt()).isEqualTo(3);
        assertThat(a.get("updatedAt")).isNotEqualTo(first.get("updatedAt"));
        assertThat(a.get("createdAt")).isEqualTo(first.get("createdAt"));
    }

    @Test
    void doesLeaveVersionAndTimestampsWhenUpsertChangesNothing() {
        JsonNode first = server.put(PATH, account("noop-1").name("Bo").udf("a", "1").body()).json();

        Api.Response again = server.put(PATH, account("noop-1").name("Bo").udf("a", "1").udf("gone", null).body());

        assertThat(again.header("x-keybridge-result")).isEqualTo("unchanged");
        assertThat(again.json()).isEqualTo(first);
        assertThat(eventCount("noop-1")).isEqualTo(1);
    }

    @Test
    void doesRemoveNameWhenSentAsNull() {
        server.put(PATH, account("name-null").name("Cy").body());

        JsonNode a = server.put(PATH, account("name-null").field("name", null).body()).json();

        assertThat(a.get("name").isNull()).isTrue();
        assertThat(a.get("__v").asInt()).isEqualTo(1);
    }

    @Test
    void doesMaskYourAppCredentialsAndKeepThemWhenNotResent() {
        JsonNode a = server.put(PATH, account("app-1").yourApp("app-x", Map.of("api_token", "very-secret-token")).body()).json();
        assertThat(a.at("/your_app/app_id").asString()).isEqualTo("app-x");
        assertThat(a.at("/your_app/auth_credentials/api_token").asString()).isEqualTo("********");
        assertThat(a.toString()).doesNotContain("very-secret-token");

        JsonNode same = server.put(PATH, account("app-1").yourApp("app-x", Map.of("api_token", "very-secret-token")).body()).json();
        assertThat(same.get("__v").asInt()).as("same credentials change nothing").isZero();

        JsonNode kept = server.put(PATH, account("app-1").yourApp("app-y", null).body()).json();
        assertThat(kept.get("__v").asInt()).isEqualTo(1);
        assertThat(kept.at("/your_app/auth_credentials/api_token").asString()).isEqualTo("********");

        JsonNode replaced = server.put(PATH, account("app-1").yourApp("app-y", Map.of("other", "x")).body()).json();
        assertThat(replaced.at("/your_app/auth_credentials").propertyNames()).containsExactly("other");

        String stored = jdbc.sql("select encode(auth_credentials_ciphertext, 'escape') from linked_account where external_id = ? and org_id = ?")
                .params("app-1", org.id()).query(String.class).single();
        assertThat(stored).doesNotContain("very-secret-token").doesNotContain("\"other\"");
        assertThat(server.get(PATH + "/app-1").text()).doesNotContain("very-secret-token");
    }

    @Test
    void doesCreateOnceAndAnswerConflictWhenPostRepeats() {
        Api.Response created = server.post(PATH, account("post-1").name("Di").body());
        assertThat(created.status()).isEqualTo(201);

        Api.Response again = server.post(PATH, account("post-1").name("Other").body());

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("success").asBoolean()).isFalse();
        assertThat(again.json().get("error").asString()).isEqualTo("linked_account_exists");
        assertThat(again.json().get("error_type").asString()).isEqualTo("conflict");
        assertThat(server.get(PATH + "/post-1").json().get("name").asString()).isEqualTo("Di");
    }

    @Test
    void doesFetchAndDeleteOneAccount() {
        server.put(PATH, account("del-1").udf("k", "v").body());

        assertThat(server.get(PATH + "/del-1").json().get("account_id").asString()).isEqualTo("del-1");
        Api.Response deleted = server.delete(PATH + "/del-1");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("success").asBoolean()).isTrue();

        Api.Response gone = server.get(PATH + "/del-1");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error_type").asString()).isEqualTo("not_found");
        assertThat(server.delete(PATH + "/del-1").status()).isEqualTo(404);
    }

    @Test
    void doesPageByNumberInTheOriginalShape() {
        for (int i = 0; i < 7; i++) {
            server.put(PATH, account("page-" + i).name("Person " + i).body());
        }

        JsonNode p1 = server.get(PATH + "?limit=3").json();
        assertThat(p1.get("docs")).hasSize(3);
        assertThat(p1.get("totalDocs").asInt()).isEqualTo(7);
        assertThat(p1.get("totalPages").asInt()).isEqualTo(3);
        assertThat(p1.get("page").asInt()).isEqualTo(1);
        assertThat(p1.get("pagingCounter").asInt()).isEqualTo(1);
        assertThat(p1.get("hasPrevPage").asBoolean()).isFalse();
        assertThat(p1.get("hasNextPage").asBoolean()).isTrue();
        assertThat(p1.get("prevPage").isNull()).isTrue();
        assertThat(p1.get("nextPage").asInt()).isEqualTo(2);

        JsonNode p3 = server.get(PATH + "?limit=3&page=3").json();
        assertThat(p3.get("docs")).hasSize(1);
        assertThat(p3.get("hasNextPage").asBoolean()).isFalse();
        assertThat(p3.get("prevPage").asInt()).isEqualTo(2);
        assertThat(p3.get("pagingCounter").asInt()).isEqualTo(7);

        assertThat(server.get(PATH + "?limit=3&page=9").json().get("docs")).isEmpty();
        assertThat(server.get(PATH + "?limit=101").status()).isEqualTo(400);
        assertThat(server.get(PATH + "?page=0").status()).isEqualTo(400);
    }

    @Test
    void doesWalkEveryAccountOnceWhenPagingByCursor() {
        for (int i = 0; i < 11; i++) {
            server.put(PATH, account("cur-" + i).body());
        }
        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = server.get(PATH + "?limit=4&cursor=" + cursor).json();
            page.get("docs").forEach(d -> seen.add(d.get("account_id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(11);
        assertThat(new HashSet<>(seen)).hasSize(11);
        assertThat(server.get(PATH + "?cursor=not-a-cursor").status()).isEqualTo(400);
    }

    @Test
    void doesFilterByIdAndNamePrefix() {
        server.put(PATH, account("team:1").name("Alice Smith").body());
        server.put(PATH, account("team:2").name("Alan Jones").body());
        server.put(PATH, account("solo:1").name("Bob_Jones").body());
        server.put(PATH, account("team_x").name("Al%").body());

        assertThat(ids(server.get(PATH + "?linked_account_id=team:2").json())).containsExactly("team:2");
        assertThat(ids(server.get(PATH + "?linked_account_id_prefix=team:").json())).containsExactlyInAnyOrder("team:1", "team:2");
        assertThat(ids(server.get(PATH + "?linked_account_id_prefix=team_").json())).containsExactly("team_x");
        assertThat(ids(server.get(PATH + "?name_prefix=Al").json())).containsExactlyInAnyOrder("team:1", "team:2", "team_x");
        assertThat(ids(server.get(PATH + "?name_prefix=Al%25").json())).containsExactly("team_x");
    }

    private long eventCount(String externalId) {
        return jdbc.sql("select count(*) from event where org_id = ? and data ->> 'account_id' = ?")
                .params(org.id(), externalId).query(Long.class).single();
    }

    private static Set<String> ids(JsonNode page) {
        Set<String> out = new HashSet<>();
        page.get("docs").forEach(d -> out.add(d.get("account_id").asString()));
        return out;
    }

    private static Map<String, JsonNode> byKey(JsonNode udf) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        udf.forEach(e -> out.put(e.get("key_name").asString(), e));
        return out;
    }
}
