package dev.keybridge.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Identifiers: 24-hex object ids (time-ordered, as the original system's), random tokens, and the one
 * rule for ids a caller chooses ({@link #chosen}).
 */
public final class Ids {

    /**
     * The printable characters an id chosen by the caller may not hold: {@code /} and {@code \} split a
     * URL path, and Spring Security's firewall refuses {@code ;} and {@code %} (raw or encoded) in any
     * path, so an id holding one could be stored but never read or deleted by its path.
     */
    private static final String UNADDRESSABLE = "/\\;%";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] PROCESS = new byte[5];
    private static final AtomicInteger COUNTER;
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    static {
        RANDOM.nextBytes(PROCESS);
        COUNTER = new AtomicInteger(RANDOM.nextInt(1 << 24));
    }

    private Ids() {}

    /** A 24-hex id: 4 bytes of epoch seconds, 5 random bytes per process, a 3-byte counter. */
    public static String objectId() {
        byte[] id = new byte[12];
        int seconds = (int) (System.currentTimeMillis() / 1000);
        id[0] = (byte) (seconds >>> 24);
        id[1] = (byte) (seconds >>> 16);
        id[2] = (byte) (seconds >>> 8);
        id[3] = (byte) seconds;
        System.arraycopy(PROCESS, 0, id, 4, 5);
        int count = COUNTER.getAndIncrement();
        id[9] = (byte) (count >>> 16);
        id[10] = (byte) (count >>> 8);
        id[11] = (byte) count;
        return HEX.formatHex(id);
    }

    /** {@code length} random base62 characters (about 5.95 bits each) from a secure source: for secrets. */
    public static String random(int length) {
        return base62(length, RANDOM);
    }

    /** Like {@link #random} but from a fast, non-secure source: for ids that only need to be unique-ish. */
    public static String fastRandom(int length) {
        return base62(length, ThreadLocalRandom.current());
    }

    private static String base62(int length, Random random) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /**
     * The one rule for an id the caller chooses ({@code linked_account_id}, {@code user_id},
     * {@code config_id}), applied wherever one comes in (body, header, path, query), so that every id
     * accepted can be read and deleted by its paths ({@code /linked-account/{id}},
     * {@code /slug/{slug}/config/{config_id}}, percent-encoded as UTF-8) and named in the
     * {@code linked_account_id} header ({@link #chosenFromHeader}): 1 to {@code maxLength} characters
     * that are letters, marks, numbers, punctuation, symbols or spaces (Unicode L, M, N, P, S, Zs: no
     * control, format, separator, surrogate, private-use or unassigned code point, so no tab, LF, CR,
     * U+2028 or invisible character), none of {@code / \ ; %} ({@link #UNADDRESSABLE}), no space at
     * either end, and not {@code .} or {@code ..} (the path segments "here" and "up"). Anything else
     * is a 400 naming {@code field}.
     *
     * @return {@code id}, as it is
     */
    public static String chosen(String field, @Nullable String id, int maxLength) {
        if (id == null || id.isEmpty()) {
            throw Errors.invalid("'" + field + "' is required and must be a non-empty string.");
        }
        if (id.length() > maxLength) {
            throw Errors.invalid("'" + field + "' is longer than " + maxLength + " characters.");
        }
        String problem = problem(id);
        if (problem != null) {
            throw Errors.invalid("'" + field + "' " + problem + ": an id is 1 to " + maxLength + " letters, digits, "
                    + "punctuation, symbols or spaces, none of / \\ ; %, no white space at either end, not . or ..");
        }
        return id;
    }

    /**
     * {@link #chosen} for an id sent in a header. A header carries ASCII reliably, so an id may come
     * percent-encoded as UTF-8, as in a path; since an id never holds {@code %}, a value holding one is
     * always read that way ({@code ann%3A%C3%BC} is {@code ann:ü}). A value without {@code %} is read as
     * the UTF-8 it was sent in ({@link #headerText}); bytes that are not UTF-8 are a 400.
     */
    public static String chosenFromHeader(String field, @Nullable String value, int maxLength) {
        if (value == null || value.indexOf('%') < 0) {
            return chosen(field, value == null ? null : headerText(field, value), maxLength);
        }
        ByteBuffer bytes = ByteBuffer.allocate(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && hex(value, i + 1) >= 0) {
                bytes.put((byte) hex(value, i + 1));
                i += 2;
            } else if (c != '%' && c < 0x80) {
                bytes.put((byte) c);
            } else {
                throw notPercentEncoded(field);
            }
        }
        bytes.flip();
        try {
            return chosen(field, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString(), maxLength);
        } catch (CharacterCodingException e) {
            throw notPercentEncoded(field);
        }
    }

    /**
     * A header's value as the client sent it, in UTF-8. The container may give a header's bytes one character
     * each (ISO-8859-1), so bytes beyond ASCII are read again as UTF-8, strictly: bytes that are not
     * UTF-8 are a 400 naming {@code field}, never a silently replaced character. A value already holding
     * a character beyond one byte did not come that way and is returned as it is.
     */
    public static String headerText(String field, String value) {
        boolean ascii = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value;
            }
            ascii &= c < 0x80;
        }
        if (ascii) {
            return value;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            throw Errors.invalid("The '" + field + "' header holds bytes that are not UTF-8: send a value beyond ASCII "
                    + "in UTF-8, or percent-encoded UTF-8 as in a URL path.");
        }
    }

    private static ApiException notPercentEncoded(String field) {
        return Errors.invalid("'" + field + "' holds '%' but is not percent-encoded UTF-8 (escape every character "
                + "beyond ASCII, as in a URL path).");
    }

    /** The byte of the two hex digits at {@code at}, or -1. */
    private static int hex(String s, int at) {
        if (at + 1 >= s.length()) {
            return -1;
        }
        int hi = Character.digit(s.charAt(at), 16);
        int lo = Character.digit(s.charAt(at + 1), 16);
        return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
    }

    /** What breaks the rule of {@link #chosen}, or null. */
    private static @Nullable String problem(String id) {
        for (int i = 0; i < id.length(); ) {
            int cp = id.codePointAt(i);
            switch (Character.getType(cp)) {
                case Character.CONTROL -> {
                    return "contains a control character";
                }
                case Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE,
                     Character.PRIVATE_USE, Character.UNASSIGNED -> {
                    return String.format("contains U+%04X, which is not a letter, digit, punctuation, symbol or space", cp);
                }
                default -> {
                    if (UNADDRESSABLE.indexOf(cp) >= 0) {
                        return "contains '" + (char) cp + "'";
                    }
                }
            }
            i += Character.charCount(cp);
        }
        if (isSpace(id.codePointAt(0)) || isSpace(id.codePointBefore(id.length()))) {
            return "starts or ends with white space";
        }
        if (id.equals(".") || id.equals("..")) {
            return "is '" + id + "'";
        }
        return null;
    }

    private static boolean isSpace(int cp) {
        return Character.getType(cp) == Character.SPACE_SEPARATOR;
    }
}
