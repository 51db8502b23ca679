package dev.keybridge.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.CursorPage;
import dev.keybridge.web.Cursors;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Timestamps;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v2/public/audit} (the caller's environment's records, newest first, filtered, cursor paged)
 * {@code GET /api/v2/public/audit/export} (the same, oldest first, streamed as JSON lines or CSV) and
 * {@code GET /api/v2/public/audit/verify} (walks the environment's hash chain).
 */
@RestController
class AuditController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final String CURSOR = "audit";

    @Schema(name = "AuditRecord")
    record View(long seq, String at, @JsonProperty("actor_type") String actorType,
                @JsonProperty("actor_id") @Nullable String actorId, String action,
                @JsonProperty("connection_id") @Nullable String connectionId, Map<String, Object> detail,
                @Schema(description = "SHA-256 of the previous record's hash and this record, hex.") String hash) {

        static View of(AuditStore.Stored s) {
            AuditRecord r = s.record();
            return new View(s.seq(), Objects.requireNonNull(Timestamps.format(r.at())), r.actorType().wire(), r.actorId(), r.action(),
                    r.connectionId(), r.detail(), HexFormat.of().formatHex(s.hash()));
        }
    }

    @Schema(name = "AuditBrokenRecord")
    record BrokenView(long seq, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String at) {}

    @Schema(name = "AuditVerification")
    record VerifyView(boolean valid, long checked,
                      @JsonProperty("first_broken") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable BrokenView firstBroken) {}

    static final String JSONL = "application/x-ndjson";
    static final String CSV = "text/csv";

    private final AuditStore store;
    private final AuditVerifier verifier;
    private final AuditExport exporter;

    AuditController(AuditStore store, AuditVerifier verifier, AuditExport exporter) {
        this.store = store;
        this.verifier = verifier;
        this.exporter = exporter;
    }

    @Operation(summary = "List audit records",
            description = "Server credentials: this environment's audit records (credential uses and changes), newest "
                    + "first, optionally filtered by connection, action, actor and time (`since` inclusive, `until` "
                    + "exclusive, ISO-8601). Up to `limit` (1–200, default 50) per page.")
    @GetMapping("/api/v2/public/audit")
    CursorPage<View> list(@AuthenticationPrincipal Caller caller,
              @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
              @RequestParam(required = false) @Nullable String cursor,
              @RequestParam(name = "connection_id", required = false) @Nullable String connectionId,
              @RequestParam(required = false) @Nullable String action,
              @RequestParam(name = "actor_id", required = false) @Nullable String actorId,
              @RequestParam(required = false) @Nullable String since,
              @RequestParam(required = false) @Nullable String until) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Errors.invalid("limit must be between 1 and " + MAX_LIMIT + ".");
        }
        Long before = Cursors.decodeSeq(CURSOR, cursor);
        AuditQuery q = new AuditQuery(blankless(connectionId), blankless(action), blankless(actorId),
                instant("since", since), instant("until", until));
        List<AuditStore.Stored> rows = store.find(caller.orgId(), caller.environment(), q, before, limit + 1);
        return CursorPage.of(rows, limit, CURSOR, r -> Long.toString(r.seq()), View::of);
    }

    @Operation(summary = "Verify the audit log",
            description = "Server credentials: walks this environment's hash chain from its oldest kept record. "
                    + "`valid` false names the first record that does not chain (deleted before it, or edited).")
    @GetMapping("/api/v2/public/audit/verify")
    VerifyView verify(@AuthenticationPrincipal Caller caller) {
        AuditVerifier.Result r = verifier.verify(caller.orgId(), caller.environment());
        return new VerifyView(r.valid(), r.checked(), r.firstBroken() == null ? null
                : new BrokenView(r.firstBroken().seq(), Timestamps.format(r.firstBroken().at())));
    }

    @Operation(summary = "Export audit records",
            description = "Server credentials: this environment's audit records, oldest first, streamed as JSON lines "
                    + "(`format=jsonl`, the fields of the list) or CSV (`format=csv`), with the list's filters.")
    @ApiResponse(responseCode = "200", description = "The records, streamed.", content = {
            @Content(mediaType = JSONL), @Content(mediaType = CSV)})
    @GetMapping("/api/v2/public/audit/export")
    void export(@AuthenticationPrincipal Caller caller, @RequestParam String format,
                @RequestParam(name = "connection_id", required = false) @Nullable String connectionId,
                @RequestParam(required = false) @Nullable String action,
                @RequestParam(name = "actor_id", required = false) @Nullable String actorId,
                @RequestParam(required = false) @Nullable String since,
                @RequestParam(required = false) @Nullable String until,
                HttpServletResponse response) throws IOException {
        if (!format.equals("jsonl") && !format.equals("csv")) {
            throw Errors.invalid("format must be jsonl or csv.");
        }
        AuditQuery q = new AuditQuery(blankless(connectionId), blankless(action), blankless(actorId),
                instant("since", since), instant("until", until));
        boolean csv = format.equals("csv");
        response.setStatus(200);
        response.setContentType(csv ? CSV + "; charset=utf-8" : JSONL + "; charset=utf-8");
        response.setHeader("content-disposition", "attachment; filename=\"audit." + format + "\"");
        exporter.write(caller, q, csv, response.getOutputStream());
    }

    private static @Nullable String blankless(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static @Nullable Instant instant(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Errors.invalid(name + " must be an ISO-8601 time such as 2026-01-31T12:00:00Z.");
        }
    }
}
