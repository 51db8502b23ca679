package dev.keybridge.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.connector.Connector;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.reflect.RecordComponent;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URL;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The rules of the house over compiled classes, for the packages under {@code root}: the real code
 * ({@code dev.keybridge}) in {@link ArchitectureTest}, and small broken copies ({@code archfixture})
 * in {@link HouseRulesCanFailTest}, which shows that each rule fails when its boundary is crossed.
 */
final class HouseRules {

    private final String root;

    HouseRules(String root) {
        this.root = root;
    }

    private String pkg(String name) {
        return root + "." + name + "..";
    }

    private String[] pkgs(List<String> names) {
        return names.stream().map(this::pkg).toArray(String[]::new);
    }

    /** No cycle between any two packages, at any depth (a package is a slice). */
    ArchRule noPackageCycles() {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    /**
     * The drawing of DEVELOPERS.md: edge → flows → domain → infrastructure, each layer using only the
     * layers below it (and itself); every package is in exactly one layer.
     */
    ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Application").definedBy(root)
                .layer("Edge").definedBy(pkgs(Layers.EDGE))
                .layer("Flows").definedBy(pkgs(Layers.FLOWS))
                .layer("Domain").definedBy(pkgs(Layers.DOMAIN))
                .layer("Infrastructure").definedBy(pkgs(Layers.INFRASTRUCTURE))
                .withOptionalLayers(true)
                .whereLayer("Application").mayNotBeAccessedByAnyLayer()
                .whereLayer("Edge").mayOnlyBeAccessedByLayers("Application")
                .whereLayer("Flows").mayOnlyBeAccessedByLayers("Application", "Edge")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Edge", "Flows")
                .ensureAllClassesAreContainedInArchitecture()
                .because("DEVELOPERS.md draws the layers; a new package gets its place there first");
    }

    /**
     * {@code web} is the infrastructure every feature uses (errors, request reading, the OpenAPI
     * document): it reads declarations ({@code @Idempotent}, limits on request records) and never
     * names a feature, nor any infrastructure but {@code config}.
     */
    ArchRule webNamesNoFeature() {
        return noClasses().that().resideInAPackage(pkg("web"))
                .should().dependOnClassesThat(resideInAPackage(root + "..")
                        .and(not(resideInAnyPackage(pkg("web"), pkg("config")))));
    }

    /**
     * A request member's limit is declared once, with {@code @Size} / {@code @Pattern} (read by
     * springdoc and by {@code JsonFields}) or {@code @MaxLengthSetting}; {@code @Schema(maxLength,
     * minLength, pattern)} would be a second copy that nothing checks.
     */
    ArchRule limitsDeclaredOnce() {
        ArchCondition<JavaClass> once = new ArchCondition<>("declare member limits only where request reading finds them") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                Class<?> type = c.reflect();
                if (!type.isRecord()) {
                    return;
                }
                for (RecordComponent rc : type.getRecordComponents()) {
                    Schema schema = rc.getAccessor().getAnnotation(Schema.class);
                    if (schema != null && (schema.maxLength() != Integer.MAX_VALUE || schema.minLength() != 0
                            || !schema.pattern().isEmpty())) {
                        events.add(SimpleConditionEvent.violated(c, type.getName() + "." + rc.getName()
                                + " has @Schema(maxLength/minLength/pattern): use @Size / @Pattern / @MaxLengthSetting"));
                    }
                }
            }
        };
        return classes().should(once);
    }

    /** What differs per auth family is the connector's: nobody else names a family. */
    ArchRule authFamiliesOnlyInConnectorAndCatalog() {
        return noClasses().that().resideOutsideOfPackages(pkg("connector"), pkg("catalog"))
                .should().dependOnClassesThat().belongToAnyOf(AppDefinition.AuthType.class)
                .because("what differs per auth family belongs to its connector (DEVELOPERS.md: adding an auth family)");
    }

    /** Every connector lives in the connector package (or an operator's jar). */
    ArchRule connectorsLiveInTheConnectorPackage() {
        return classes().that().implement(Connector.class).should().resideInAPackage(pkg("connector"))
                .because("an auth family is one class in the connector package");
    }

    /** Callers reach a family only through the {@code Connector} interface ({@code AppConnectors}). */
    ArchRule nobodyUsesAConnectorImplementation() {
        DescribedPredicate<JavaClass> implementation = assignableTo(Connector.class)
                .and(not(equivalentTo(Connector.class))).as("a Connector implementation");
        return noClasses().that().resideOutsideOfPackage(pkg("connector"))
                .should().dependOnClassesThat(implementation)
                .because("callers go through the Connector interface (AppConnectors.of(app))");
    }

    /** Connectors never touch the database. */
    ArchRule connectorsStayOutOfTheDatabase() {
        return noClasses().that().resideInAPackage(pkg("connector"))
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..");
    }

    /**
     * Every outgoing HTTP call through {@code egress}: nobody else opens a socket, builds an HTTP
     * client or a request factory, or lets a library build its own.
     */
    ArchRule outgoingCallsOnlyThroughEgress() {
        return noClasses().that().resideOutsideOfPackage(pkg("egress"))
                .should().callMethod(HttpClient.class, "newBuilder")
                .orShould().callMethod(HttpClient.class, "newHttpClient")
                .orShould().callMethodWhere(call("URL.openConnection/openStream/getContent", c ->
                        c.getTargetOwner().isEquivalentTo(URL.class)
                                && List.of("openConnection", "openStream", "getContent").contains(c.getName())))
                .orShould().dependOnClassesThat().belongToAnyOf(Socket.class, SocketChannel.class,
                        URLConnection.class, HttpURLConnection.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("org.apache.hc.client5..",
                        "org.springframework.web.reactive.function.client..", "com.nimbusds.oauth2.sdk.http..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.nimbusds.jose.util.DefaultResourceRetriever")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.nimbusds.jose.jwk.source.RemoteJWKSet")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.nimbusds.jose.jwk.source.JWKSourceBuilder")
                .orShould().callConstructorWhere(DescribedPredicate.describe("a ClientHttpRequestFactory's constructor",
                        (JavaConstructorCall c) -> c.getTargetOwner().isAssignableTo(ClientHttpRequestFactory.class)))
                .orShould().callMethodWhere(call("RestClient.create", c ->
                        c.getTargetOwner().isEquivalentTo(RestClient.class) && c.getName().equals("create")))
                .orShould(leaveALibraryOnItsOwnTransport())
                .because("DEVELOPERS.md: outgoing HTTP only through egress.Egress (timeouts, no redirects, "
                        + "the private-address rule)");
    }

    /** Typed wire contracts: API controllers read {@code JsonRequest} records and never answer maps. */
    ArchRule apiControllersAreTyped() {
        ArchCondition<JavaClass> typed = new ArchCondition<>("read JsonRequest records and answer records") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (var m : c.getMethods()) {
                    if (!m.isMetaAnnotatedWith(RequestMapping.class)) {
                        continue;
                    }
                    String generic = m.reflect().getGenericReturnType().getTypeName();
                    if (m.getRawReturnType().isAssignableTo(Map.class) || generic.contains("ResponseEntity<java.util.Map")) {
                        events.add(SimpleConditionEvent.violated(m, m.getFullName() + " answers a Map"));
                    }
                    for (var param : m.getParameters()) {
                        if (param.isAnnotatedWith(RequestBody.class)
                                && !param.getRawType().isAssignableTo(JsonRequest.class)) {
                            events.add(SimpleConditionEvent.violated(m,
                                    m.getFullName() + " reads a body that is not a JsonRequest record"));
                        }
                    }
                }
            }
        };
        return classes().that().areAnnotatedWith(RestController.class).should(typed);
    }

    /**
     * Libraries that call out build a default client unless told otherwise: a code unit that asks
     * for such a builder must give it egress's transport in the same place. (Used under
     * {@code noClasses()}, so a finding is reported as "satisfied" and the rule negates it.)
     */
    private static ArchCondition<JavaClass> leaveALibraryOnItsOwnTransport() {
        Map<String, String> needs = Map.of(
                "org.springframework.web.client.RestClient.builder", "requestFactory",
                "org.springframework.security.oauth2.jwt.NimbusJwtDecoder.withJwkSetUri", "restOperations",
                "org.springframework.web.client.RestTemplate.<init>", "");
        return new ArchCondition<>("leave an HTTP library on its own transport") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (JavaCodeUnit unit : c.getCodeUnits()) {
                    for (var call : unit.getCallsFromSelf()) {
                        String target = call.getTargetOwner().getName() + "." + call.getName();
                        String needed = needs.get(target);
                        if (needed == null) {
                            continue;
                        }
                        boolean ok = needed.isEmpty()
                                ? call.getTarget().getRawParameterTypes().stream()
                                        .anyMatch(t -> t.isAssignableTo(ClientHttpRequestFactory.class))
                                : unit.getCallsFromSelf().stream().anyMatch(other -> other.getName().equals(needed));
                        if (!ok) {
                            events.add(SimpleConditionEvent.satisfied(call, call.getDescription()
                                    + " without egress's transport (" + (needed.isEmpty() ? "a request factory" : needed) + ")"));
                        }
                    }
                }
            }
        };
    }

    private static DescribedPredicate<JavaMethodCall> call(String description, Predicate<JavaMethodCall> test) {
        return DescribedPredicate.describe(description, test);
    }
}
