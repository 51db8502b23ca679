package dev.keybridge.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Opaque cursors ({@code base64url("<kind>:<key>")}); the page shape of the cursor lists is {@link CursorPage}. */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final Pattern KEY = Pattern.compile("[0-9A-Za-z_]{1,40}");

    private Cursors() {}

    public static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Errors.invalid("limit must be between 1 and " + MAX_LIMIT + ".");
        }
    }

    public static String encode(String kind, String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The key in {@code cursor}, or null for none / empty. */
    public static @Nullable String decode(String kind, @Nullable String cursor) {
        return decode(kind, cursor, KEY);
    }

    /** Like {@link #decode(String, String)}, for keys of a narrower form. */
    public static @Nullable String decode(String kind, @Nullable String cursor, Pattern keyForm) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.startsWith(kind + ":") && keyForm.matcher(raw.substring(kind.length() + 1)).matches()) {
                return raw.substring(kind.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw Errors.invalid("cursor is not valid; pass back the nextCursor of a previous page.");
    }

    public static @Nullable Long decodeSeq(String kind, @Nullable String cursor) {
        String key = decode(kind, cursor);
        if (key == null) {
            return null;
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw Errors.invalid("cursor is not valid; pass back the nextCursor of a previous page.");
        }
    }
}
