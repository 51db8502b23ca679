package dev.keybridge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorsTest {

    @Test
    void doesFindTheBuiltInConnectorsWhenNoDirectoryIsSet() {
        Connectors connectors = new Connectors((Path) null);

        assertThat(connectors.find("oauth2")).isPresent();
        assertThat(connectors.find("keybased")).isPresent();
        assertThat(connectors.find("sandbox-ehr")).isPresent();
        assertThat(connectors.find("nope")).isEmpty();
    }

    @Test
    void doesLoadAConnectorFromAJarWhenAnOperatorDropsOneInTheDirectory(@TempDir Path dir) throws IOException {
        Path src = dir.resolve("src/acme/AcmeConnector.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package acme;
                import dev.keybridge.connector.*;
                import java.util.Map;
                public class AcmeConnector implements Connector {
                    public String name() { return "acme-ehr"; }
                    public Step start(ConnectorContext c, Map<String, String> in) {
                        return new Step.Success(Map.of("user", in.get("username")), null, in.get("username"));
                    }
                    public Step answer(ConnectorContext c, Map<String, String> s, Map<String, String> a) {
                        return new Step.Failure("unexpected", "No challenges here.", false);
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.toString());
        assertThat(rc).isZero();
        Path jars = Files.createDirectories(dir.resolve("connectors"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(jars.resolve("acme.jar")))) {
            add(jar, "acme/AcmeConnector.class", Files.readAllBytes(classes.resolve("acme/AcmeConnector.class")));
            add(jar, "META-INF/services/dev.keybridge.connector.Connector",
                    "acme.AcmeConnector\n".getBytes(StandardCharsets.UTF_8));
        }

        Connectors connectors = new Connectors(jars);

        Connector acme = connectors.find("acme-ehr").orElseThrow();
        Step step = acme.start(null, Map.of("username", "ann"));
        assertThat(step).isInstanceOf(Step.Success.class);
        assertThat(((Step.Success) step).credentials()).containsEntry("user", "ann");
        assertThat(connectors.find("sandbox-ehr")).as("built-ins stay").isPresent();
    }

    @Test
    void doesKeepConnectorsAwayFromTheDatabaseWhenTheSourcesAreRead() throws IOException {
        try (var files = Files.list(Path.of("src/main/java/dev/keybridge/connector"))) {
            for (Path f : files.toList()) {
                String source = Files.readString(f);
                assertThat(source).as(f.toString()).doesNotContain("org.springframework.jdbc", "java.sql", "javax.sql",
                        "dev.keybridge.connection", "dev.keybridge.link", "dev.keybridge.events");
            }
        }
    }

    private static void add(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(bytes);
        jar.closeEntry();
    }
}
