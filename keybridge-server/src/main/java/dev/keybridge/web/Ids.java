package dev.keybridge.web;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Identifiers: 24-hex object ids (time-ordered, as the original system's), random tokens, and the one
 * rule for ids a caller chooses ({@link #chosen}).
 */
public final class Ids {

    /**
     * The characters an id chosen by the caller may not hold although printable: {@code /} and {@code \}
     * split a URL path, Spring Security's firewall refuses {@code ;} and {@code %} (raw and encoded) in
     * any path, so an id holding one could be stored but never read or deleted by its path.
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
     * {@code config_id}), applied wherever one comes in (body, header, path, query), so every id
     * accepted can be used in the paths that read and delete it
     * ({@code /linked-account/{id}}, {@code /slug/{slug}/config/{config_id}}) and in the
     * {@code linked_account_id} header: 1 to {@code maxLength} printable ASCII characters (space to
     * {@code ~}: a header carries nothing else reliably, and nothing else is a control character),
     * none of {@code / \ ; %}, no space at either end, and not {@code .} or {@code ..} (path
     * segments that mean "here" and "up"). Anything else is a 400 naming {@code field}.
     *
     * @return {@code id}, as it is
     */
    public static String chosen(String field, String id, int maxLength) {
        if (id == null || id.isEmpty()) {
            throw Errors.invalid("'" + field + "' is required and must be a non-empty string.");
        }
        if (id.length() > maxLength) {
            throw Errors.invalid("'" + field + "' is longer than " + maxLength + " characters.");
        }
        String problem = problem(id);
        if (problem != null) {
            throw Errors.invalid("'" + field + "' " + problem + ": an id is 1 to " + maxLength
                    + " printable ASCII characters other than / \\ ; %, with no white space at either end, and not . or ..");
        }
        return id;
    }

    /** Whether {@code id} (of any length) follows the rule of {@link #chosen}. */
    public static boolean isAddressable(String id) {
        return id != null && !id.isEmpty() && problem(id) == null;
    }

    /** What breaks the rule of {@link #chosen}, or null. */
    private static String problem(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.CONTROL) {
                return "contains a control character";
            }
            if (c > 0x7e) {
                return "contains a character outside printable ASCII";
            }
            if (UNADDRESSABLE.indexOf(c) >= 0) {
                return "contains '" + c + "'";
            }
        }
        if (id.charAt(0) == ' ' || id.charAt(id.length() - 1) == ' ') {
            return "starts or ends with white space";
        }
        if (id.equals(".") || id.equals("..")) {
            return "is '" + id + "'";
        }
        return null;
    }
}
