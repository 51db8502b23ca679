package dev.keybridge.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HangWatchdogTest {

    @Test
    void doesKillOnlyTheNamedChildProcessesWhenATestHangs(@TempDir Path dir) throws IOException {
        // The JDK names a process by its executable (/proc/<pid>/exe), so the stand-ins are copies of sleep.
        Path chromium = Files.copy(Path.of("/bin/sleep"), dir.resolve("chromium-stand-in"));
        Path postgres = Files.copy(Path.of("/bin/sleep"), dir.resolve("postgres-stand-in"));
        Process browser = new ProcessBuilder(chromium.toString(), "600").start();
        Process database = new ProcessBuilder(postgres.toString(), "600").start();
        try {
            HangWatchdog.expire("HangWatchdogTest.stands-in", List.of("chromium"));

            await().atMost(Duration.ofSeconds(10)).until(() -> !browser.isAlive());
            assertThat(database.isAlive()).as("the embedded PostgreSQL is a child of the JVM too").isTrue();
        } finally {
            browser.destroyForcibly();
            database.destroyForcibly();
        }
    }
}
