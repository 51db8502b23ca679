package dev.keybridge.userconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.support.Accounts;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Races of configs and config schemas with deletes that the OpenAPI fuzzer found (each used to answer 500). */
class ConfigRacesTest extends IntegrationTest {

    @Autowired
    private DataSource dataSource;

    /**
     * The account was read before the delete committed, so the insert used to meet a foreign-key
     * violation; now the create waits for the delete and answers 404.
     */
    @Test
    void doesAnswer404WhenTheLinkedAccountIsDeletedWhileTheConfigIsCreated() throws Exception {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        assertThat(server.put("/api/v2/public/linked-account", Accounts.account("race-cfg").body()).status()).isEqualTo(200);
        String accountRow = jdbc.sql("select id from linked_account where org_id = ? and external_id = 'race-cfg'")
                .param(org.id()).query(String.class).single();

        CompletableFuture<Api.Response> create;
        try (Connection deleting = dataSource.getConnection()) {
            deleting.setAutoCommit(false);
            try (PreparedStatement delete = deleting.prepareStatement("delete from linked_account where id = ?")) {
                delete.setString(1, accountRow);
                assertThat(delete.executeUpdate()).isEqualTo(1);
            }
            create = CompletableFuture.supplyAsync(() -> server.post("/api/v2/public/config",
                    Map.of("linked_account_id", "race-cfg", "slug", "sandbox-keys", "config_id", "c1")));
            await().atMost(Duration.ofSeconds(20)).until(() -> create.isDone() || aStatementWaitsForALock());
            deleting.commit();
        }

        Api.Response r = create.get(30, TimeUnit.SECONDS);
        assertThat(r.status()).as(r.text()).isEqualTo(404);
        assertThat(r.json().get("error").asString()).isEqualTo("not_found");
        assertThat(jdbc.sql("select count(*) from user_config where org_id = ?").param(org.id()).query(Long.class).single())
                .isZero();
    }

    /**
     * The schema's PUT read the row back after writing it, and a DELETE in between (here: a trigger that
     * deletes it as soon as it is written) made that read fail; now the PUT answers the row as written.
     */
    @Test
    void doesAnswerTheSchemaAsWrittenWhenItIsDeletedRightAfterThePut() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        jdbc.sql("create function config_race_delete() returns trigger language plpgsql as "
                + "$$ begin delete from config_schema where org_id = new.org_id and slug = new.slug; return null; end $$")
                .update();
        try {
            jdbc.sql("create trigger config_race_delete after insert or update on config_schema for each row when (new.org_id = '"
                    + org.id() + "') execute function config_race_delete()").update();

            Api.Response r = server.put("/api/v2/public/config-schema/sandbox-keys", UserConfigTestSchemas.simple());

            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.json().at("/fields/0/id").asString()).isEqualTo("limit");
            assertThat(server.get("/api/v2/public/config-schema/sandbox-keys").status()).as("deleted right after").isEqualTo(404);
        } finally {
            jdbc.sql("drop trigger if exists config_race_delete on config_schema").update();
            jdbc.sql("drop function if exists config_race_delete()").update();
        }
    }

    /** True when a statement of the server waits for the row lock the test's delete holds. */
    private boolean aStatementWaitsForALock() {
        return jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()")
                .query(Long.class).single() > 0;
    }
}
