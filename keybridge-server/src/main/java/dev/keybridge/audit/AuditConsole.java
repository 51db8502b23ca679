package dev.keybridge.audit;

import dev.keybridge.tenancy.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The audit log's public face for the dashboard: the newest records of an environment, and its verification. */
@Service
public class AuditConsole {

    /** One record as the console shows it. */
    public record Row(long seq, Instant at, String actorType, @Nullable String actorId, String action,
                      @Nullable String connectionId, Map<String, Object> detail) {}

    private final AuditStore store;
    private final AuditVerifier verifier;

    AuditConsole(AuditStore store, AuditVerifier verifier) {
        this.store = store;
        this.verifier = verifier;
    }

    /** The newest {@code limit} records, optionally of one action or connection. */
    public List<Row> newest(Caller caller, @Nullable String action, @Nullable String connectionId, int limit) {
        return store.find(caller.orgId(), caller.environment(), new AuditQuery(connectionId, action, null, null, null),
                null, limit).stream().map(s -> new Row(s.seq(), s.record().at(), s.record().actorType().wire(),
                        s.record().actorId(), s.record().action(), s.record().connectionId(), s.record().detail()))
                .toList();
    }

    public AuditVerifier.Result verify(Caller caller) {
        return verifier.verify(caller.orgId(), caller.environment());
    }
}
