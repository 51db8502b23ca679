package dev.keybridge.backup;

/** A backup, restore or verification that cannot go on; the message says why (never any secret). */
public final class BackupException extends RuntimeException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
