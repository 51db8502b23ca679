package dev.keybridge.database;

import dev.keybridge.config.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The generated passwords of the embedded PostgreSQL, each in its own file of the data directory
 * (mode 0600): the superuser's (used by Keybridge only to create and repair the application role)
 * and the application role's (every query the server runs).
 */
record EmbeddedCredentials(String superuserPassword, String appPassword, Path superuserFile) {

    static final String SUPERUSER_FILE = "database-superuser-password";
    static final String APP_FILE = "database-password";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Reads both passwords, generating (and writing) any that is missing. */
    static EmbeddedCredentials loadOrCreate(Path dataDir) throws IOException {
        Path superuser = dataDir.resolve(SUPERUSER_FILE);
        return new EmbeddedCredentials(readOrCreate(superuser), readOrCreate(dataDir.resolve(APP_FILE)), superuser);
    }

    /** Whether the superuser already has a password (false for a data directory made before passwords). */
    static boolean superuserPasswordExists(Path dataDir) {
        return Files.exists(dataDir.resolve(SUPERUSER_FILE));
    }

    private static String readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!text.isEmpty()) {
                return text;
            }
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        SecretFiles.writePrivate(file, password + "\n");
        return password;
    }

    @Override
    public String toString() {
        return "EmbeddedCredentials[****]";
    }
}
