package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * What {@code package} made (failsafe runs after it): the jar, the sources jar and the Javadoc jar, and a pom
 * that stands alone (no Spring Boot parent). Run by the build only ({@code -Dkeybridge.sdk.artifact}).
 */
class PackagingIT {

    private static Path artifact(String suffix) {
        String base = System.getProperty("keybridge.sdk.artifact");
        assumeTrue(base != null, "not run by the build");
        return Path.of(base + suffix + ".jar");
    }

    @Test
    void doesPackageTheSourcesAndTheJavadocBesideTheJar() throws IOException {
        try (JarFile jar = new JarFile(artifact("").toFile())) {
            assertThat(jar.getEntry("dev/keybridge/sdk/Keybridge.class")).isNotNull();
            assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name")).isEqualTo("dev.keybridge.sdk");
        }
        try (JarFile sources = new JarFile(artifact("-sources").toFile())) {
            assertThat(sources.getEntry("dev/keybridge/sdk/Keybridge.java")).isNotNull();
            assertThat(sources.getEntry("dev/keybridge/sdk/support/KeybridgeServer.java")).as("no test sources").isNull();
        }
        try (JarFile javadoc = new JarFile(artifact("-javadoc").toFile())) {
            assertThat(javadoc.getEntry("index.html")).isNotNull();
            assertThat(javadoc.getEntry("dev/keybridge/sdk/Keybridge.html")).isNotNull();
            assertThat(javadoc.getEntry("dev/keybridge/sdk/resource/SessionTokens.html")).isNotNull();
        }
    }

    @Test
    void doesNotInheritFromSpringBootWhenTheSdkIsBuilt() throws IOException {
        String pom = System.getProperty("keybridge.sdk.pom");
        assumeTrue(pom != null, "not run by the build");
        String text = Files.readString(Path.of(pom));
        assertThat(text).doesNotContain("<parent>").doesNotContain("spring-boot");
        assertThat(text).contains("<maven.compiler.release>17</maven.compiler.release>");
    }
}
