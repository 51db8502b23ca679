package dev.keybridge.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import archfixture.connector.Queries;
import archfixture.cycle.a.A;
import archfixture.cycle.b.B;
import archfixture.egress.Door;
import archfixture.egress.UpArrow;
import archfixture.nowhere.Stray;
import archfixture.proxy.AsksFamily;
import archfixture.sandbox.RogueConnector;
import archfixture.sandbox.UsesSandboxEhr;
import archfixture.tenancy.Tenant;
import archfixture.web.MapController;
import archfixture.web.NamesAFeature;
import archfixture.web.SchemaLimit;
import archfixture.webhook.DefaultRestClient;
import archfixture.webhook.EgressRestClient;
import archfixture.webhook.OwnClient;
import archfixture.webhook.OwnRequestFactory;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link ArchitectureTest}, shown failing on a small broken copy of the house
 * ({@code archfixture}) and, where it matters, passing on the allowed shape, so a rule that can
 * no longer fail is caught.
 */
class HouseRulesCanFailTest {

    private static final HouseRules RULES = new HouseRules("archfixture");

    @Test
    void doesReportACycleWhenTwoPackagesUseEachOther() {
        assertViolation(RULES.noPackageCycles(), classes(A.class, B.class), "Cycle detected");
    }

    @Test
    void doesReportAnArrowUpWhenInfrastructureUsesTheDomain() {
        assertViolation(RULES.layers(), classes(UpArrow.class, Tenant.class, Door.class), "UpArrow");
        assertThat(RULES.layers().evaluate(classes(Tenant.class, Door.class)).hasViolation()).isFalse();
    }

    @Test
    void doesReportAPackageWhenNoLayerNamesIt() {
        assertViolation(RULES.layers(), classes(Stray.class, Door.class), "Stray");
    }

    @Test
    void doesReportAFamilyCheckWhenItIsOutsideTheConnector() {
        assertViolation(RULES.authFamiliesOnlyInConnectorAndCatalog(), classes(AsksFamily.class), "AuthType");
    }

    @Test
    void doesReportAConnectorWhenItLivesOutsideTheConnectorPackage() {
        assertViolation(RULES.connectorsLiveInTheConnectorPackage(), classes(RogueConnector.class), "RogueConnector");
    }

    @Test
    void doesReportAnyConnectorImplementationUsedDirectly() {
        assertViolation(RULES.nobodyUsesAConnectorImplementation(), classes(UsesSandboxEhr.class), "SandboxEhrConnector");
    }

    @Test
    void doesReportAConnectorWhenItTouchesTheDatabase() {
        assertViolation(RULES.connectorsStayOutOfTheDatabase(), classes(Queries.class), "JdbcClient");
    }

    @Test
    void doesReportOutgoingCallsThatBypassEgress() {
        assertViolation(RULES.outgoingCallsOnlyThroughEgress(), classes(OwnClient.class), "newHttpClient");
        assertViolation(RULES.outgoingCallsOnlyThroughEgress(), classes(DefaultRestClient.class), "requestFactory");
        assertViolation(RULES.outgoingCallsOnlyThroughEgress(), classes(OwnRequestFactory.class), "SimpleClientHttpRequestFactory");
        assertThat(RULES.outgoingCallsOnlyThroughEgress().evaluate(classes(EgressRestClient.class)).hasViolation()).isFalse();
    }

    @Test
    void doesReportTheWebPackageWhenItNamesAFeature() {
        assertViolation(RULES.webNamesNoFeature(), classes(NamesAFeature.class), "Tenant");
    }

    @Test
    void doesReportALimitWhenItIsDeclaredInTheSchemaAnnotation() {
        assertViolation(RULES.limitsDeclaredOnce(), classes(SchemaLimit.class), "SchemaLimit.name");
    }

    @Test
    void doesReportControllersThatAnswerMapsOrReadJsonTrees() {
        assertViolation(RULES.apiControllersAreTyped(), classes(MapController.class), "answers a Map");
        assertViolation(RULES.apiControllersAreTyped(), classes(MapController.class), "not a JsonRequest");
    }

    @Test
    void doesReportATableWrittenByTwoPackagesOrTheOutboxWrittenOutsideEvents() {
        Map<String, String> broken = Map.of(
                "account/AccountStore.java", "class S { String q = \"insert into linked_account (id) values (?)\"; }",
                "session/Sessions.java", "class T { String q = \"\"\"\n update linked_account set name = ? where id = ?\n\"\"\"; }",
                "webhook/DeliveryStore.java", "class U { String q = \"update event set dispatched_at = ?\"; }",
                "link/Cleanup.java", "class V { String q = \"delete from \" + table; }");
        assertThat(SourceRules.tableOwnershipViolations(broken))
                .anyMatch(v -> v.contains("linked_account is written by 2 packages"))
                .anyMatch(v -> v.contains("webhook/DeliveryStore.java writes the event table"))
                .anyMatch(v -> v.contains("link/Cleanup.java writes a table whose name is not in its SQL"));
        assertThat(SourceRules.tableOwnershipViolations(Map.of(
                "events/Events.java", "class E { String q = \"insert into event (id) values (?)\"; }",
                "link/Texts.java", "class W { String t = \"update mode asks only for what is missing\"; }")))
                .isEmpty();
    }

    @Test
    void doesReportATenantWriteWhenItDoesNotFilterByOrganization() {
        Map<String, String> fixture = SourceRules.read(Path.of("src/test/java/archfixture/tenantwrite"));
        assertThat(SourceRules.unscopedTenantWrites(fixture, Distribution.notDistributed(), List.of()))
                .hasSize(3)
                .anyMatch(v -> v.contains("writes connection without filtering by org_id: update connection set status = ? where id = ?"))
                .anyMatch(v -> v.contains("writes link_session"))
                .anyMatch(v -> v.contains("writes event"));
        SourceRules.Exemption sweep = new SourceRules.Exemption("CrossTenantWrites.java", "link_session",
                "where expires_at < ?", "a sweep");
        SourceRules.Exemption stale = new SourceRules.Exemption("CrossTenantWrites.java", "public_token", "", "gone");
        assertThat(SourceRules.unscopedTenantWrites(fixture, Distribution.notDistributed(), List.of(sweep, stale)))
                .hasSize(3)
                .noneMatch(v -> v.contains("writes link_session"))
                .anyMatch(v -> v.contains("exemption covers no write any more: CrossTenantWrites.java public_token"));
    }

    @Test
    void doesReportTimeReadOutsideTheClock() {
        assertThat(SourceRules.clockViolations(Map.of(
                "a/A.java", "class A { Object t = Instant" + ".now(); }",   // split: TestHygieneTest scans this file
                "b/B.java", "class B { String q = \"select * from x where t < now()\"; }")))
                .hasSize(2);
    }

    @Test
    void doesReportAClassWhenItGrowsPastTheCap() {
        assertThat(SourceRules.oversized(Map.of("a/A.java", "x\n".repeat(301)), 300)).containsExactly("a/A.java (301)");
    }

    @Test
    void doesReportAnEventTypeWhenTwoPlacesEmitItOrAnEmitHidesItsType() {
        Map<String, List<String>> sites = SourceRules.emitSites(Map.of(
                "a/A.java", "class A { void a() {\n events.emit(o, e, EventType.CONNECTION_CREATED,\n data()); } }",
                "b/B.java", "class B { void b() { events.emit(o, e, EventType.CONNECTION_CREATED, d); } }",
                "c/C.java", "class C { void c(EventType<?> t) { events.emitDispatched(o, e, t, d); } }"));

        assertThat(sites.get("CONNECTION_CREATED")).containsExactlyInAnyOrder("a/A.java:2", "b/B.java:1");
        assertThat(sites.get(SourceRules.UNNAMED_TYPE)).containsExactly("c/C.java:1");
    }

    private static JavaClasses classes(Class<?>... types) {
        return new ClassFileImporter().importClasses(types);
    }

    private static void assertViolation(ArchRule rule, JavaClasses classes, String mentioning) {
        EvaluationResult result = rule.evaluate(classes);
        assertThat(result.hasViolation()).as("%s fails on the broken copy", rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(d -> d.contains(mentioning));
    }
}
