package dev.keybridge.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.connector.KeyBasedConnector;
import dev.keybridge.connector.OAuth2Connector;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rooms of the house, as rules that fail the build: only {@code connection} writes its tables,
 * only {@code connector} knows the auth families, and no class grows past 300 lines.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/keybridge");
    private static final Pattern WRITE = Pattern.compile(
            "(?i)\\b(insert\\s+into|update|delete\\s+from)\\s+(connection|connection_transition)\\b(?!_)");

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.keybridge");
    }

    @Test
    void doesFindConnectionTableWritesOnlyInTheConnectionPackage() throws IOException {
        List<String> offenders = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (Path file : javaFiles()) {
            Matcher m = WRITE.matcher(Files.readString(file));
            while (m.find()) {
                String where = MAIN.relativize(file) + ": " + m.group();
                (file.startsWith(MAIN.resolve("connection")) ? owners : offenders).add(where);
            }
        }
        assertThat(owners).as("the rule sees the owner's own writes").isNotEmpty();
        assertThat(offenders).as("SQL writing connection tables outside dev.keybridge.connection").isEmpty();
    }

    @Test
    void doesKeepAuthFamilyChecksInsideTheConnectorPackage() {
        noClasses().that().resideOutsideOfPackages("dev.keybridge.connector..", "dev.keybridge.catalog..")
                .should().accessField(AppDefinition.AuthType.class, "OAUTH2")
                .orShould().accessField(AppDefinition.AuthType.class, "KEYBASED")
                .orShould().accessField(AppDefinition.AuthType.class, "CREDENTIALS")
                .because("what differs per auth family belongs to its connector (DEVELOPERS.md: adding an auth family)")
                .check(classes);
    }

    @Test
    void doesNotLetAnyoneButTheConnectorPackageUseABuiltInFamilyDirectly() {
        noClasses().that().resideOutsideOfPackage("dev.keybridge.connector..")
                .should().dependOnClassesThat().belongToAnyOf(OAuth2Connector.class, KeyBasedConnector.class)
                .because("callers go through the Connector interface (AppConnectors.of(app))")
                .check(classes);
    }

    @Test
    void doesNotLetConnectorsTouchTheDatabase() {
        noClasses().that().resideInAPackage("dev.keybridge.connector..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .check(classes);
    }

    /**
     * {@code web} is infrastructure every feature uses (errors, request reading, the OpenAPI document): it
     * reads declarations ({@code @Idempotent}, limits on request records), it never names a feature.
     */
    @Test
    void doesKeepTheWebPackageFreeOfFeaturePackages() {
        noClasses().that().resideInAPackage("dev.keybridge.web..")
                .should().dependOnClassesThat(resideInAPackage("dev.keybridge..")
                        .and(not(resideInAnyPackage("dev.keybridge.web..", "dev.keybridge.config.."))))
                .check(classes);
    }

    @Test
    void doesReadTimeOnlyFromTheClockBean() throws IOException {
        Pattern sqlNow = Pattern.compile("(?i)\\b(now\\(\\)|current_timestamp|localtimestamp|clock_timestamp\\(\\)|transaction_timestamp\\(\\))");
        Pattern literal = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
        Pattern wallClock = Pattern.compile("\\b(Instant|LocalDateTime|OffsetDateTime|ZonedDateTime)\\.now\\(\\)|System\\.currentTimeMillis\\(\\)");
        List<String> offenders = new ArrayList<>();
        for (Path file : javaFiles()) {
            String source = Files.readString(file);
            Matcher m = literal.matcher(source);
            while (m.find()) {
                String text = m.group(1) != null ? m.group(1) : m.group(2);
                if (sqlNow.matcher(text).find() && text.matches("(?is).*\\b(select|update|insert|delete)\\b.*")) {
                    offenders.add(MAIN.relativize(file) + ": SQL reads the database clock: " + text.strip().lines().findFirst().orElse(""));
                }
            }
            Matcher w = wallClock.matcher(source);
            while (w.find()) {
                if (!file.endsWith(Path.of("web", "Ids.java"))) {   // ObjectId timestamps: ids, not time logic
                    offenders.add(MAIN.relativize(file) + ": " + w.group());
                }
            }
        }
        assertThat(offenders).as("DEVELOPERS.md, Time: the Clock bean is the only source of time; SQL takes it as a parameter").isEmpty();
    }

    @Test
    void doesKeepEveryClassUnder300Lines() throws IOException {
        List<String> big = new ArrayList<>();
        for (Path file : javaFiles()) {
            long lines = Files.readAllLines(file).size();
            if (lines > 300) {
                big.add(MAIN.relativize(file) + " (" + lines + ")");
            }
        }
        assertThat(big).isEmpty();
    }

    /**
     * A request member's limit is declared once, with {@code @Size} / {@code @Pattern} (read by springdoc and by
     * {@code JsonFields}) or {@code @MaxLengthSetting}; {@code @Schema(maxLength, minLength, pattern)} would be a
     * second copy that nothing checks.
     */
    @Test
    void doesDeclareMemberLimitsOnlyWhereRequestReadingFindsThem() {
        List<String> offenders = new ArrayList<>();
        for (var c : classes) {
            Class<?> type = c.reflect();
            if (!type.isRecord()) {
                continue;
            }
            for (var rc : type.getRecordComponents()) {
                Schema s = rc.getAccessor().getAnnotation(Schema.class);
                if (s != null && (s.maxLength() != Integer.MAX_VALUE || s.minLength() != 0 || !s.pattern().isEmpty())) {
                    offenders.add(type.getName() + "." + rc.getName());
                }
            }
        }
        assertThat(offenders).as("@Schema(maxLength/minLength/pattern): use @Size / @Pattern / @MaxLengthSetting").isEmpty();
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    /**
     * The API's contract is typed (DEVELOPERS.md): request bodies are records ({@code web.JsonRequest}), answers
     * are records, so the OpenAPI document has real schemas.
     */
    @Test
    void doesNotLetApiControllersTakeJsonTreesOrAnswerMaps() {
        List<String> violations = new ArrayList<>();
        for (var c : classes) {
            if (!c.isAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)) {
                continue;
            }
            for (var m : c.getMethods()) {
                if (!m.isMetaAnnotatedWith(org.springframework.web.bind.annotation.RequestMapping.class)) {
                    continue;
                }
                String returned = m.getRawReturnType().getName();
                String generic = m.reflect().getGenericReturnType().getTypeName();
                if (returned.equals(java.util.Map.class.getName()) || generic.contains("ResponseEntity<java.util.Map")) {
                    violations.add(m.getFullName() + " answers a Map");
                }
                for (var param : m.getParameters()) {
                    if (param.isAnnotatedWith(org.springframework.web.bind.annotation.RequestBody.class)
                            && !param.getRawType().isAssignableTo(dev.keybridge.web.JsonRequest.class)) {
                        violations.add(m.getFullName() + " reads a body that is not a JsonRequest record");
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
