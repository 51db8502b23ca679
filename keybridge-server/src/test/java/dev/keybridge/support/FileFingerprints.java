package dev.keybridge.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every regular file under a directory with its SHA-256, to show a directory was left byte for byte as it was. */
public final class FileFingerprints {

    private FileFingerprints() {}

    public static Map<String, String> of(Path root) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                hashes.put(root.relativize(p).toString(), HexFormat.of().formatHex(digest));
            }
        }
        return hashes;
    }
}
