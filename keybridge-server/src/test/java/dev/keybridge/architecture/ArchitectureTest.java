package dev.keybridge.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.keybridge.events.EventType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rooms of the house, as rules that fail the build (DEVELOPERS.md, "The layers" and "Rules of
 * the house"). {@link HouseRulesCanFailTest} shows each rule failing on a broken copy.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/keybridge");
    private static final Path SDK_MAIN = Path.of("../keybridge-sdk-java/src/main/java");
    private static final HouseRules RULES = new HouseRules("dev.keybridge");

    private static JavaClasses classes;
    private static Map<String, String> sources;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.keybridge");
        sources = SourceRules.read(MAIN);
    }

    @Test
    void doesFindNoCycleBetweenPackages() {
        RULES.noPackageCycles().check(classes);
    }

    @Test
    void doesKeepEveryArrowPointingDownTheLayers() {
        RULES.layers().check(classes);
    }

    @Test
    void doesKeepAuthFamiliesInsideTheConnectorAndCatalogPackages() {
        RULES.authFamiliesOnlyInConnectorAndCatalog().check(classes);
    }

    @Test
    void doesKeepEveryConnectorInTheConnectorPackage() {
        RULES.connectorsLiveInTheConnectorPackage().check(classes);
    }

    @Test
    void doesNotLetAnyoneOutsideTheConnectorPackageUseAConnectorImplementation() {
        RULES.nobodyUsesAConnectorImplementation().check(classes);
    }

    @Test
    void doesNotLetConnectorsTouchTheDatabase() {
        RULES.connectorsStayOutOfTheDatabase().check(classes);
    }

    @Test
    void doesSendEveryOutgoingCallThroughEgress() {
        RULES.outgoingCallsOnlyThroughEgress().check(classes);
    }

    @Test
    void doesKeepTheWebPackageFreeOfFeaturePackages() {
        RULES.webNamesNoFeature().check(classes);
    }

    @Test
    void doesDeclareMemberLimitsOnlyWhereRequestReadingFindsThem() {
        RULES.limitsDeclaredOnce().check(classes);
    }

    @Test
    void doesNotLetApiControllersTakeJsonTreesOrAnswerMaps() {
        RULES.apiControllersAreTyped().check(classes);
    }

    @Test
    void doesLetOnePackageWriteEachTableAndOnlyEventsWriteTheOutbox() {
        assertThat(SourceRules.tableOwnershipViolations(sources)).isEmpty();
        Map<String, Set<String>> writers = SourceRules.tableWriters(sources);
        assertThat(writers).as("the rule sees the tables").hasSizeGreaterThan(20);
        assertThat(writers.get("connection")).containsExactly("connection");
        assertThat(writers.get("connection_transition")).containsExactly("connection");
        assertThat(writers.get("event")).containsExactly("events");
    }

    @Test
    void doesFilterEveryTenantWriteByOrganizationButTheListedClaims() {
        assertThat(SourceRules.unscopedTenantWrites(sources, Distribution.notDistributed(),
                Distribution.CROSS_ORGANIZATION_WRITES))
                .as("docs/scale.md: an UPDATE or DELETE of a tenant table filters by org_id, or is a listed claim")
                .isEmpty();
    }

    @Test
    void doesReadTimeOnlyFromTheClockBean() {
        assertThat(SourceRules.clockViolations(sources))
                .as("DEVELOPERS.md, Time: the Clock bean is the only source of time; SQL takes it as a parameter")
                .isEmpty();
    }

    @Test
    void doesEmitEachEventTypeFromExactlyOnePlace() throws IllegalAccessException {
        Map<String, List<String>> sites = SourceRules.emitSites(sources);
        assertThat(sites).as("an emit names its EventType constant in the call").doesNotContainKey(SourceRules.UNNAMED_TYPE);
        List<String> constants = new ArrayList<>();
        for (Field f : EventType.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == EventType.class) {
                constants.add(f.getName());
            }
        }
        assertThat(constants).as("the catalogue's constants are its values()").hasSize(EventType.values().size());
        assertThat(sites.keySet()).as("only catalogue types are emitted").isSubsetOf(constants);
        for (String c : constants) {
            assertThat(sites.get(c)).as("EventType.%s is emitted from exactly one place (a method its callers share)", c)
                    .hasSize(1);
        }
    }

    @Test
    void doesKeepEveryClassUnder300Lines() {
        assertThat(SourceRules.oversized(sources, 300)).isEmpty();
        assertThat(SourceRules.oversized(SourceRules.read(SDK_MAIN), 300)).as("the SDK's classes too").isEmpty();
    }
}
