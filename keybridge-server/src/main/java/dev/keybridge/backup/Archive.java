package dev.keybridge.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * An archive opened for reading (a zip file; a stream is first copied to a temporary file, removed on
 * {@link #close()}): its manifest, its entries, and {@link #verifyEntries()}, the check of every
 * table entry against the manifest.
 */
public final class Archive implements AutoCloseable {

    private final ZipFile zip;
    private final @Nullable Path temporary;
    private final Manifest manifest;

    private Archive(ZipFile zip, @Nullable Path temporary) {
        this.zip = zip;
        this.temporary = temporary;
        ZipEntry m = zip.getEntry(Manifest.ENTRY);
        if (m == null) {
            throw new BackupException("The archive has no " + Manifest.ENTRY + " (not a Keybridge archive, or cut short)");
        }
        this.manifest = Manifest.fromJson(read(m));
    }

    /** Opens the archive file {@code file}. */
    public static Archive open(Path file) {
        try {
            return new Archive(new ZipFile(file.toFile(), StandardCharsets.UTF_8), null);
        } catch (ZipException e) {
            throw new BackupException("The archive " + file.getFileName() + " is not a readable zip archive: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the archive " + file, e);
        }
    }

    /** Reads {@code in} (not closed) to a temporary file and opens that. */
    public static Archive read(InputStream in) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("keybridge-restore-", ".zip");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return new Archive(new ZipFile(tmp.toFile(), StandardCharsets.UTF_8), tmp);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            if (e instanceof ZipException z) {
                throw new BackupException("The archive is not a readable zip archive: " + z.getMessage());
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException("Could not read the archive", (IOException) e);
        }
    }

    public Manifest manifest() {
        return manifest;
    }

    /** The master keyset (Tink JSON) when the archive holds it. */
    public Optional<String> masterKeyset() {
        ZipEntry e = zip.getEntry(Manifest.MASTER_KEY_ENTRY);
        return e == null ? Optional.empty() : Optional.of(new String(read(e), StandardCharsets.UTF_8));
    }

    /** A table's entry, uncompressed. */
    public InputStream entry(Manifest.Table table) {
        ZipEntry e = zip.getEntry(table.entry());
        if (e == null) {
            throw new BackupException("The archive has no entry " + table.entry() + " for table " + table.name());
        }
        try {
            return zip.getInputStream(e);
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + table.entry(), ex);
        }
    }

    /**
     * Checks every table entry against the manifest (SHA-256, bytes, rows) and that the master keyset is
     * there exactly when the manifest says so; throws naming the first entry that differs.
     */
    public void verifyEntries() {
        for (Manifest.Table t : manifest.tables()) {
            CountingDigest d = CountingDigest.sink();
            try (InputStream in = entry(t)) {
                in.transferTo(d);
            } catch (IOException | RuntimeException e) {
                if (e instanceof BackupException b) {
                    throw b;
                }
                throw new BackupException("Archive entry " + t.entry() + " is corrupt (cannot be decompressed: "
                        + e.getClass().getSimpleName() + ")");
            }
            String sha = d.sha256();
            if (!sha.equals(t.sha256()) || d.bytes() != t.bytes() || d.lines() != t.rows()) {
                throw new BackupException("Archive entry " + t.entry() + " is corrupt: SHA-256 " + sha + ", " + d.bytes()
                        + " bytes, " + d.lines() + " rows; the manifest says " + t.sha256() + ", " + t.bytes() + " bytes, "
                        + t.rows() + " rows");
            }
        }
        if (manifest.masterKeyIncluded() != (zip.getEntry(Manifest.MASTER_KEY_ENTRY) != null)) {
            throw new BackupException("The archive's master key entry does not match its manifest (master_key_included="
                    + manifest.masterKeyIncluded() + ")");
        }
    }

    private byte[] read(ZipEntry e) {
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new BackupException("Archive entry " + e.getName() + " is corrupt: " + ex.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // read-only
        }
        deleteQuietly(temporary);
    }

    private static void deleteQuietly(@Nullable Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }
}
