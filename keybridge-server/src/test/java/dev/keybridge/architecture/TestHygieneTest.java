package dev.keybridge.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tests without sleeps (DEVELOPERS.md, Time and Tests): no test waits with a sleep or reads the wall
 * clock; time comes from {@code support.TestClock} (moved, not waited for) and a wait for another
 * thread is an Awaitility condition. Allowed: a line that is, or follows, a {@value #PROCESS_WAIT}
 * comment saying why an external process cannot be waited for otherwise, and the load harnesses
 * ({@code *Bench}), which measure real durations.
 */
class TestHygieneTest {

    private static final Path TESTS = Path.of("src/test/java");
    /** The SDK's tests too: the module beside this one. */
    private static final Path SDK_TESTS = Path.of("../keybridge-sdk-java/src/test/java");
    static final String PROCESS_WAIT = "// process-launch wait:";
    /** Written with escapes, so this file does not name what it forbids. */
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\bThread\\.sleep\\(|\\bInstant\\.now\\(\\)|\\bLocalTime\\.now\\(\\)|\\bLocalDateTime\\.now\\(\\)"
                    + "|\\bSystem\\.currentTimeMillis\\(\\)|\\bnew Date\\(\\)");

    /** The lines of one source file that sleep or read the wall clock, as {@code name:line: text}. */
    static List<String> offenders(String fileName, List<String> lines) {
        List<String> out = new ArrayList<>();
        if (fileName.endsWith("Bench.java")) {
            return out;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean explained = line.contains(PROCESS_WAIT) || i > 0 && lines.get(i - 1).strip().startsWith(PROCESS_WAIT);
            if (FORBIDDEN.matcher(line).find() && !explained) {
                out.add(fileName + ":" + (i + 1) + ": " + line.strip());
            }
        }
        return out;
    }

    @Test
    void doesFindNoSleepOrWallClockReadWhenScanningTheServerAndSdkTests() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path root : List.of(TESTS, SDK_TESTS)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    offenders.addAll(offenders(root.relativize(file).toString(), Files.readAllLines(file)));
                }
            }
        }
        assertThat(offenders).as("move support.TestClock or await a condition (Awaitility) instead").isEmpty();
    }

    @Test
    void doesFlagEverySleepAndWallClockReadWhenASnippetHasThem() {
        List<String> snippet = List.of(
                "class Snippet {",
                "    void waits() throws Exception {",
                "        Thread" + ".sleep(61_000);",
                "        var a = Instant" + ".now();",
                "        var b = LocalTime" + ".now().getSecond();",
                "        var c = LocalDateTime" + ".now();",
                "        var d = System" + ".currentTimeMillis();",
                "        var e = new Date" + "();",
                "        var f = clock.instant();",
                "    }",
                "}");

        assertThat(offenders("Snippet.java", snippet)).extracting(o -> o.substring(0, o.indexOf(':', "Snippet.java:".length())))
                .containsExactly("Snippet.java:3", "Snippet.java:4", "Snippet.java:5", "Snippet.java:6", "Snippet.java:7",
                        "Snippet.java:8");
    }

    @Test
    void doesAllowAWaitWhenAProcessLaunchCommentExplainsItOnItsLineOrTheLineBefore() {
        List<String> snippet = List.of(
                "        " + PROCESS_WAIT + " the child JVM shows no sign of reading its input",
                "        Thread" + ".sleep(500);",
                "        Thread" + ".sleep(500);    " + PROCESS_WAIT + " the postmaster writes its pid file late",
                "        // waits for the other thread",
                "        Thread" + ".sleep(500);");

        assertThat(offenders("LauncherIT.java", snippet)).singleElement().asString().startsWith("LauncherIT.java:5:");
    }

    @Test
    void doesAllowMeasuringWhenTheFileIsALoadHarness() {
        List<String> snippet = List.of("        Thread" + ".sleep(Duration.ofNanos(wait));", "        var at = Instant" + ".now();");

        assertThat(offenders("bench/WebhookBench.java", snippet)).isEmpty();
        assertThat(offenders("bench/WebhookTest.java", snippet)).hasSize(2);
    }
}
