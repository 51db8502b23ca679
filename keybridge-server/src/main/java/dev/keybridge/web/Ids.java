package dev.keybridge.web;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/** Identifiers: 24-hex object ids (time-ordered, as the original system's) and random tokens. */
public final class Ids {

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
        return base62(length, java.util.concurrent.ThreadLocalRandom.current());
    }

    private static String base62(int length, java.util.Random random) {
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
}
