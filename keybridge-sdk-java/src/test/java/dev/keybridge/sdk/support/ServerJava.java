package dev.keybridge.sdk.support;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code java} that runs the server the ITs start: the server needs Java 25, while the SDK's tests
 * themselves run on Java 17. Tried in order: {@code -Dkeybridge.server.java.home} (Maven passes the JDK it
 * runs on), {@code KEYBRIDGE_JAVA_HOME}, {@code JAVA_HOME}, then the JDKs under {@code /usr/lib/jvm}; the
 * first whose {@code release} file says 25 or later wins (as {@code ./keybridge java-home} searches).
 */
final class ServerJava {

    static final int MIN_FEATURE = 25;
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private ServerJava() {}

    static String find() {
        List<Path> candidates = new ArrayList<>();
        add(candidates, System.getProperty("keybridge.server.java.home"));
        add(candidates, System.getenv("KEYBRIDGE_JAVA_HOME"));
        add(candidates, System.getenv("JAVA_HOME"));
        try (DirectoryStream<Path> jvms = Files.newDirectoryStream(Path.of("/usr/lib/jvm"))) {
            jvms.forEach(candidates::add);
        } catch (IOException e) {
            // no /usr/lib/jvm: only the named homes count
        }
        for (Path home : candidates) {
            Path java = home.resolve("bin").resolve("java");
            if (feature(home) >= MIN_FEATURE && Files.isExecutable(java)) {
                return java.toString();
            }
        }
        throw new IllegalStateException("No JDK " + MIN_FEATURE + "+ to run the Keybridge server (tried " + candidates
                + "): set KEYBRIDGE_JAVA_HOME or -Dkeybridge.server.java.home to one");
    }

    private static void add(List<Path> candidates, String home) {
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home));
        }
    }

    /** The major version in {@code home/release}, or 0 when unknown. */
    static int feature(Path home) {
        try {
            Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
