package dev.keybridge.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Just enough of the tar format to read an OCI image tarball and its layers: ustar headers, the
 * ustar name prefix, PAX ({@code x}) and GNU ({@code L}) long names. No extraction to disk.
 */
final class OciTar {

    /** One entry: its path (no leading {@code ./} or {@code /}), type flag and mode. */
    record Entry(String path, char type, int mode, long size) {
        boolean isFile() {
            return type == '0' || type == '\0';
        }
    }

    private OciTar() {}

    /** Every file's content by path (for the small outer tarball: index, manifests, config, layer blobs). */
    static Map<String, byte[]> readAll(InputStream in) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        each(in, (entry, content) -> {
            if (entry.isFile()) {
                files.put(entry.path(), content);
            }
        });
        return files;
    }

    /** Calls {@code visitor} with each entry and its content (empty for directories and links). */
    static void each(InputStream in, BiConsumer<Entry, byte[]> visitor) throws IOException {
        byte[] header = new byte[512];
        String longName = null;
        while (readFully(in, header)) {
            if (allZero(header)) {
                return;
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            long size = octal(header, 124, 12);
            int mode = (int) octal(header, 100, 8);
            char type = (char) header[156];
            byte[] content = in.readNBytes((int) size);
            in.skipNBytes((512 - size % 512) % 512);
            if (type == 'x' || type == 'L') {
                longName = type == 'L' ? text(content, 0, content.length) : paxPath(content);
                continue;
            }
            if (type == 'g') {
                continue;
            }
            String path = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
            longName = null;
            visitor.accept(new Entry(strip(path), type, mode, size), content);
        }
    }

    private static String strip(String path) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        return p.startsWith("/") ? p.substring(1) : p;
    }

    private static String paxPath(byte[] records) {
        // "<length> key=value\n" records; only path matters here.
        for (String line : new String(records, StandardCharsets.UTF_8).split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) {
                return line.substring(space + 6);
            }
        }
        return null;
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int n = in.readNBytes(buffer, 0, buffer.length);
        return n == buffer.length;
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] block, int offset, int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        return new String(block, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] block, int offset, int length) {
        String s = text(block, offset, length).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }
}
