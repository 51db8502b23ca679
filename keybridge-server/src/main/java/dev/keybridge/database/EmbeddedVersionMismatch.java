package dev.keybridge.database;

import java.nio.file.Path;

/**
 * The embedded data directory was made by another PostgreSQL major than the binaries asked to run
 * it. Started through {@code ./keybridge serve} (the application's {@code main}), a directory of the
 * previous major is upgraded before this is ever reached; a newer one is never downgraded.
 */
public final class EmbeddedVersionMismatch extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int found;

    EmbeddedVersionMismatch(Path pgData, int found, int expected) {
        super(message(pgData, found, expected));
        this.found = found;
    }

    /** The major of the data directory. */
    public int found() {
        return found;
    }

    private static String message(Path pgData, int found, int expected) {
        if (found > expected) {
            return "The embedded PostgreSQL data directory " + pgData + " was made by PostgreSQL " + found
                    + ", newer than this Keybridge's PostgreSQL " + expected + "; run the Keybridge release that made it"
                    + " (a data directory is never downgraded).";
        }
        return "The embedded PostgreSQL data directory " + pgData + " was made by PostgreSQL " + found
                + " and this Keybridge runs PostgreSQL " + expected + ". Start it with ./keybridge serve, which upgrades"
                + " it in place and keeps the old directory as a dated backup.";
    }
}
