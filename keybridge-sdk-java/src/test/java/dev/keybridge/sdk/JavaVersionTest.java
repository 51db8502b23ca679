package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keybridge.sdk.model.Config;
import dev.keybridge.sdk.resource.Configurations;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The SDK is built for Java 17 and tested on it: the build forks the tests on a Java 17 JVM and says so
 * with {@code -Dkeybridge.sdk.test.java.feature} (absent when run from an IDE: then only the bytecode is checked).
 */
class JavaVersionTest {

    @Test
    void doesRunOnTheJvmTheBuildChoseWhenItNamesOne() {
        String expected = System.getProperty("keybridge.sdk.test.java.feature");
        assumeTrue(expected != null, "not run by the build");

        assertThat(Runtime.version().feature()).as("the JVM running the SDK's tests (%s)", System.getProperty("java.home"))
                .isEqualTo(Integer.parseInt(expected));
    }

    @Test
    void doesCompileTheSdkToJava17BytecodeWhenBuilt() throws IOException {
        for (Class<?> type : new Class<?>[] {Keybridge.class, Configurations.class,
                Config.class}) {
            try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
                DataInputStream data = new DataInputStream(in);
                assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
                data.readUnsignedShort();
                assertThat(data.readUnsignedShort()).as("class file major version of %s", type.getName()).isEqualTo(61);
            }
        }
    }
}
