package dev.keybridge.audit;

import dev.keybridge.background.ReadyLoop;
import dev.keybridge.config.AuditSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * The audit log's door: {@link #record} puts a record in this node's buffer and returns at once (no database
 * on the caller's path); a background loop writes the buffer in batches at least every
 * {@code KEYBRIDGE_AUDIT_FLUSH_INTERVAL} (1 s), at once when {@link #BATCH} records wait, and once more when
 * the node stops. A kill -9 loses what was buffered: at most one interval of records. A failed write keeps
 * the batch and tries it again (a chain the database refuses, its organization deleted meanwhile, is
 * dropped, so it cannot block the others). A full buffer ({@link #CAPACITY}: the database is down or far behind) makes
 * callers wait for room rather than lose records.
 */
@Component
public class AuditLog extends ReadyLoop {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    static final int BATCH = 1000;
    static final int CAPACITY = 200_000;

    private final LinkedBlockingQueue<AuditRecord> buffer = new LinkedBlockingQueue<>(CAPACITY);
    private final List<AuditRecord> retry = new ArrayList<>();
    private final AuditStore store;
    private final Counter written;
    private final boolean enabled;

    AuditLog(AuditStore store, AuditSettings settings, MeterRegistry meters) {
        super("audit-flush", settings.flushInterval());
        this.enabled = settings.enabled();
        this.store = store;
        this.written = meters.counter("keybridge.audit.records");
    }

    /** Hands a record to the log; returns without waiting for the database. */
    public void record(AuditRecord r) {
        if (!enabled) {
            return;
        }
        if (!buffer.offer(r)) {
            wake();
            try {
                buffer.put(r);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("Interrupted while the audit buffer was full: one {} record was not kept", r.action());
                return;
            }
        }
        if (buffer.size() >= BATCH) {
            wake();
        }
    }

    @Override
    protected boolean pass() {
        return flush() >= BATCH;
    }

    /** Writes what is buffered now; the number of records written. */
    synchronized int flush() {
        if (retry.isEmpty()) {
            buffer.drainTo(retry, BATCH);
        }
        if (retry.isEmpty()) {
            return 0;
        }
        Map<ChainKey, List<AuditRecord>> chains = new LinkedHashMap<>();
        for (AuditRecord r : retry) {
            chains.computeIfAbsent(ChainKey.of(r), k -> new ArrayList<>()).add(r);
        }
        try {
            store.append(chains);
        } catch (DataIntegrityViolationException e) {
            appendEach(chains);     // one chain's records cannot be written (its organization is gone): not the others'
        }                           // anything else (the database is down) throws: the batch stays for the next pass
        int n = retry.size();
        retry.clear();
        written.increment(n);
        return n;
    }

    /** Writes each chain on its own; drops a chain the database refuses (its organization was deleted). */
    private void appendEach(Map<ChainKey, List<AuditRecord>> chains) {
        for (Map.Entry<ChainKey, List<AuditRecord>> chain : chains.entrySet()) {
            try {
                store.append(Map.of(chain.getKey(), chain.getValue()));
            } catch (DataIntegrityViolationException e) {
                log.warn("{} audit records of organization {} were refused and dropped: {}", chain.getValue().size(),
                        chain.getKey().orgId(), e.getMostSpecificCause().getMessage());
            }
        }
    }

    /** Stops the loop, then writes everything still buffered. */
    @Override
    public void stop() {
        super.stop();
        try {
            while (flush() > 0) {
                // until the buffer is empty
            }
        } catch (RuntimeException e) {
            log.warn("Audit records could not be written at shutdown ({} waiting): {}", buffer.size() + retry.size(),
                    e.toString());
        }
    }

    /** Stops after the web server (its phase is DEFAULT_PHASE - 2048) and before the database pool closes. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 4096;
    }
}
