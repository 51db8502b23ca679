package dev.keybridge.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No outgoing HTTP client is built outside the egress package. */
class OneDoorTest {

    @Test
    void doesBuildHttpClientsOnlyInTheEgressPackageWhenScanningTheSources() throws IOException {
        Path main = Path.of("src/main/java/dev/keybridge");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(main.resolve("egress")))
                    .filter(p -> {
                        try {
                            String s = Files.readString(p);
                            return s.contains("HttpClient.newBuilder") || s.contains("HttpClient.newHttpClient")
                                    || s.contains("HttpClients.") || s.contains("openConnection(")
                                    || s.contains("new Socket(");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString).toList();
        }
        assertThat(offenders).isEmpty();
    }
}
