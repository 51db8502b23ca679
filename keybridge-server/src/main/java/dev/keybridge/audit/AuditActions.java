package dev.keybridge.audit;

import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Environment;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The actions recorded, and the records of the hot ones built in one place (no secrets: see each). */
public final class AuditActions {

    public static final String PROXY_CALL = "proxy.call";
    public static final String CREDENTIAL_REFRESH = "credential.refresh";
    public static final String CREDENTIAL_IMPORT = "credential.import";
    public static final String CONNECTION_CREATED = "connection.created";
    public static final String CONNECTION_DELETED = "connection.deleted";

    private AuditActions() {}

    /**
     * One proxied call: method, upstream host, the path without its query, the status the caller got, the
     * request and response body sizes (request null when it was streamed without a length) and the duration.
     */
    public static AuditRecord proxyCall(Caller caller, String orgId, Environment env, String connectionId, Instant at,
                                        String method, @Nullable String host, String path, int status,
                                        long requestBytes, long responseBytes, long durationMs) {
        Map<String, Object> detail = new HashMap<>();
        detail.put("method", method);
        detail.put("host", host);
        detail.put("path", path);
        detail.put("status", status);
        detail.put("request_bytes", requestBytes < 0 ? null : requestBytes);
        detail.put("response_bytes", responseBytes);
        detail.put("duration_ms", durationMs);
        return AuditRecord.by(caller, orgId, env, at, PROXY_CALL, connectionId, detail);
    }
}
