package dev.keybridge.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The migrated schema follows docs/scale.md: every tenant table is ready to be distributed by
 * organization on Citus ({@link SchemaRules}); and the rule fails on tables that break it.
 */
class SchemaRulesTest extends IntegrationTest {

    private static final String FIXTURE = "schema_rules_fixture";

    @Test
    void doesKeepOrgIdInEveryTenantTableKeyAndForeignKey() {
        List<String> tables = SchemaRules.tables(jdbc, "public");
        assertThat(tables).as("every reference and local table named in Distribution exists")
                .containsAll(Distribution.notDistributed());
        assertThat(tables.size() - Distribution.notDistributed().size()).as("tenant tables").isGreaterThanOrEqualTo(18);
        assertThat(SchemaRules.violations(jdbc, "public", Distribution.REFERENCE.keySet(), Distribution.LOCAL.keySet()))
                .as("docs/scale.md: org_id in every tenant table, its unique keys and the foreign keys between them")
                .isEmpty();
    }

    @Test
    void doesReportATenantTableWhenItBreaksTheRule() {
        jdbc.sql("drop schema if exists " + FIXTURE + " cascade").update();
        try {
            jdbc.sql("""
                    create schema schema_rules_fixture
                    create table orgless (id text primary key)
                    create table keyed_by_id (id text primary key, org_id text not null)
                    create table parent (id text, org_id text, name text, primary key (id, org_id))
                    create unique index parent_name on parent (name)
                    create table child (id text, org_id text, parent_id text, parent_org text, primary key (id, org_id),
                        constraint child_parent foreign key (parent_org, parent_id) references parent (org_id, id))
                    create table good_child (id text, org_id text, parent_id text, primary key (id, org_id),
                        foreign key (org_id, parent_id) references parent (org_id, id))
                    create table organization (id text primary key)
                    create table rate_limit_block (key text primary key, parent_id text, org_id text,
                        constraint block_parent foreign key (org_id, parent_id) references parent (org_id, id),
                        foreign key (org_id) references organization (id))
                    create table points_local (id text, org_id text references organization (id), block text,
                        primary key (id, org_id), constraint points_block foreign key (block) references rate_limit_block (key))
                    """).update();
            assertThat(SchemaRules.violations(jdbc, FIXTURE, Distribution.REFERENCE.keySet(), Distribution.LOCAL.keySet()))
                    .containsExactlyInAnyOrder(
                            "table orgless has no org_id: give it one, or list it in Distribution with its reason",
                            "unique index orgless_pkey on orgless does not hold org_id",
                            "unique index keyed_by_id_pkey on keyed_by_id does not hold org_id",
                            "unique index parent_name on parent does not hold org_id",
                            "foreign key child_parent from child to parent does not join on org_id",
                            "foreign key block_parent from rate_limit_block (not a tenant table) to tenant table parent",
                            "foreign key points_block from points_local to local table rate_limit_block");
        } finally {
            jdbc.sql("drop schema if exists " + FIXTURE + " cascade").update();
        }
    }
}
