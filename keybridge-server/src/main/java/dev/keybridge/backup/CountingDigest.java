package dev.keybridge.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes bytes on while counting them, their lines (rows of a text-format COPY: one newline each, a
 * newline inside a value is escaped) and their SHA-256. Closing it does not close the stream below.
 */
final class CountingDigest extends FilterOutputStream {

    private final MessageDigest sha256;
    private long bytes;
    private long lines;

    CountingDigest(OutputStream out) {
        super(out);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts and digests without passing anything on. */
    static CountingDigest sink() {
        return new CountingDigest(OutputStream.nullOutputStream());
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        count(b, off, len);
    }

    private void count(byte[] b, int off, int len) {
        sha256.update(b, off, len);
        bytes += len;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                lines++;
            }
        }
    }

    long bytes() {
        return bytes;
    }

    long lines() {
        return lines;
    }

    /** The SHA-256 so far, hex (call once, at the end). */
    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
