package dev.keybridge.audit;

import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Environment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One audit record before it is chained: who ({@code actorType}, {@code actorId}) did what ({@code action},
 * e.g. {@code proxy.call}) to which connection, with a small {@code detail} of strings, whole numbers and
 * booleans only (never headers, query values, bodies or secrets). {@code at} is kept to the microsecond,
 * as PostgreSQL stores it, so the hash of a record read back is the hash it was written with.
 */
public record AuditRecord(String orgId, Environment environment, Instant at, ActorType actorType,
                          @Nullable String actorId, String action, @Nullable String connectionId,
                          Map<String, Object> detail) {

    private static final java.util.regex.Pattern ACTION = java.util.regex.Pattern.compile("[a-z][a-z_]{0,39}\\.[a-z][a-z_]{0,39}");

    /** Who acted: an API credential (key, client pair, session token), a dashboard operator, or background work. */
    public enum ActorType {
        API_KEY("api_key"), OPERATOR("operator"), SYSTEM("system");

        private final String wire;

        ActorType(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static ActorType fromWire(String wire) {
            for (ActorType t : values()) {
                if (t.wire.equals(wire)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown actor type " + wire);
        }
    }

    public AuditRecord {
        if (!ACTION.matcher(action).matches()) {    // the table's check: refused here, not as a dropped batch
            throw new IllegalArgumentException("an audit action is 'noun.verb' in lower case: " + action);
        }
        at = at.truncatedTo(ChronoUnit.MICROS);
        detail = new TreeMap<>(detail);
        for (Object v : detail.values()) {
            if (v != null && !(v instanceof String || v instanceof Long || v instanceof Integer || v instanceof Boolean)) {
                throw new IllegalArgumentException("audit detail values are strings, whole numbers or booleans");
            }
        }
    }

    /** The actor of a request: an operator, or the API credential's id (no organization: background work). */
    public static AuditRecord by(@Nullable Caller caller, String orgId, Environment env, Instant at, String action,
                                 @Nullable String connectionId, Map<String, Object> detail) {
        if (caller == null || caller.via() == null || caller.via() == Caller.Via.ADMIN) {
            return new AuditRecord(orgId, env, at, ActorType.SYSTEM, null, action, connectionId, detail);
        }
        ActorType type = caller.via() == Caller.Via.OPERATOR ? ActorType.OPERATOR : ActorType.API_KEY;
        return new AuditRecord(orgId, env, at, type, caller.credentialId(), action, connectionId, detail);
    }
}
