package dev.keybridge.audit;

import dev.keybridge.tenancy.Environment;
import java.util.Comparator;

/** One chain: an organization's environment. Ordered, so every node locks chain heads in the same order. */
record ChainKey(String orgId, Environment environment) implements Comparable<ChainKey> {

    private static final Comparator<ChainKey> ORDER =
            Comparator.comparing(ChainKey::orgId).thenComparing(ChainKey::environment);

    static ChainKey of(AuditRecord r) {
        return new ChainKey(r.orgId(), r.environment());
    }

    @Override
    public int compareTo(ChainKey o) {
        return ORDER.compare(this, o);
    }
}
