package dev.keybridge.audit;

import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a chain's records, oldest first, read in pages of {@link #PAGE}: JSON lines (one record per line,
 * the query API's fields) or CSV (a header line; the detail as a JSON cell; a cell that a spreadsheet would
 * read as a formula is prefixed with {@code '}).
 */
@Component
class AuditExport {

    static final int PAGE = 1000;
    private static final String CSV_HEADER = "seq,at,actor_type,actor_id,action,connection_id,detail,hash\r\n";

    private final AuditStore store;
    private final JsonMapper json;

    AuditExport(AuditStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    void write(Caller caller, AuditQuery q, boolean csv, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (csv) {
            w.write(CSV_HEADER);
        }
        long after = 0;
        while (true) {
            List<AuditStore.Stored> page = store.findOldestFirst(caller.orgId(), caller.environment(), q, after, PAGE);
            for (AuditStore.Stored s : page) {
                w.write(csv ? csvLine(s) : json.writeValueAsString(AuditController.View.of(s)) + "\n");
            }
            w.flush();
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast().seq();
        }
    }

    private static String csvLine(AuditStore.Stored s) {
        AuditRecord r = s.record();
        StringBuilder line = new StringBuilder();
        for (String cell : new String[] {Long.toString(s.seq()), Timestamps.format(r.at()), r.actorType().wire(),
                r.actorId(), r.action(), r.connectionId(), AuditHash.json(r.detail()),
                HexFormat.of().formatHex(s.hash())}) {
            if (!line.isEmpty()) {
                line.append(',');
            }
            line.append(cell(cell));
        }
        return line.append("\r\n").toString();
    }

    static String cell(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
