package dev.keybridge.audit;

import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Audit rows in PostgreSQL's COPY text format, for {@link AuditStore}'s bulk insert: one line per record,
 * tab-separated, {@code \N} for null, backslash, tab, newline and carriage return escaped, bytea as hex.
 * COPY costs PostgreSQL about half of what a multi-row INSERT with bind parameters does per row
 * (bench/proxy/RESULTS.md), and the flush runs beside every proxied call.
 */
final class AuditCopy {

    static final String COLUMNS = "org_id, environment, at, actor_type, actor_id, action, connection_id, detail, prev_hash, hash";
    private static final HexFormat HEX = HexFormat.of();

    private final StringBuilder out = new StringBuilder(4096);

    /** Appends one row; {@code detail} is the JSON the hash covered. */
    AuditCopy row(AuditRecord r, String detail, byte @Nullable [] prev, byte[] hash) {
        text(r.orgId()).append('\t');
        text(r.environment().wire()).append('\t');
        out.append(r.at()).append('\t');      // ISO-8601 in UTC, already to the microsecond
        text(r.actorType().wire()).append('\t');
        text(r.actorId()).append('\t');
        text(r.action()).append('\t');
        text(r.connectionId()).append('\t');
        text(detail).append('\t');
        bytes(prev).append('\t');
        bytes(hash).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private StringBuilder text(@Nullable String s) {
        if (s == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }

    private StringBuilder bytes(byte @Nullable [] b) {
        return b == null ? out.append("\\N") : out.append("\\\\x").append(HEX.formatHex(b));
    }
}
