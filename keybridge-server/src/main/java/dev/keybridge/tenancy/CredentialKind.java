package dev.keybridge.tenancy;

/** The two kinds of server-side credential an environment can hold (wire-formats §1). */
public enum CredentialKind {
    /** {@code x-api-key: kb_test_…}. */
    API_KEY("api_key"),
    /** {@code client_id: ci_test_…} + {@code client_secret: cs_test_…}. */
    CLIENT("client");

    private final String wire;

    CredentialKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static CredentialKind fromWire(String value) {
        for (CredentialKind k : values()) {
            if (k.wire.equals(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown credential kind: " + value);
    }
}
