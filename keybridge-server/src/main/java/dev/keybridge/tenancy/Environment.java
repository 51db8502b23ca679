package dev.keybridge.tenancy;

import java.util.Locale;

/** Every organization has exactly these two; nothing crosses between them. */
public enum Environment {
    TEST("test", "test"),
    PRODUCTION("production", "live");

    private final String wire;
    private final String prefixTag;

    Environment(String wire, String prefixTag) {
        this.wire = wire;
        this.prefixTag = prefixTag;
    }

    public String wire() {
        return wire;
    }

    /** Whether this is the live environment (outgoing calls reach public addresses only). */
    public boolean isProduction() {
        return this == PRODUCTION;
    }

    /** The tag in credential prefixes: {@code kb_test_}, {@code kb_live_}. */
    public String prefixTag() {
        return prefixTag;
    }

    public static Environment fromWire(String value) {
        if (value != null) {
            String v = value.toLowerCase(Locale.ROOT);
            for (Environment e : values()) {
                if (e.wire.equals(v)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("unknown environment: " + value);
    }
}
