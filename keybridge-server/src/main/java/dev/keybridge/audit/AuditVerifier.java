package dev.keybridge.audit;

import dev.keybridge.tenancy.Environment;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks one chain in seq order from its anchor (the prev_hash of the oldest kept record, or nothing) and
 * recomputes every hash: a record whose prev_hash is not the hash before it (one was deleted or moved) or
 * whose hash is not that of its own fields (it was edited) breaks the chain, and so does a head that is not
 * the last record (the newest ones were deleted).
 */
@Service
public class AuditVerifier {

    /** The first record that does not chain; {@code at} null when it is missing (the head names it). */
    public record Broken(long seq, @Nullable Instant at) {}

    public record Result(boolean valid, long checked, @Nullable Broken firstBroken) {}

    private static final int PAGE = 1000;

    private final AuditStore store;
    private final TransactionTemplate snapshot;

    AuditVerifier(AuditStore store, PlatformTransactionManager transactions) {
        this.store = store;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /** Verifies in one snapshot, so records written or swept meanwhile do not look like a break. */
    public Result verify(String orgId, Environment env) {
        return Objects.requireNonNull(snapshot.execute(status -> walk(orgId, env)));
    }

    private Result walk(String orgId, Environment env) {
        AuditStore.Head head = store.head(orgId, env).orElse(null);
        byte[] expected = head == null ? null : head.anchorHash();
        long after = head == null || head.anchorSeq() == null ? 0 : head.anchorSeq() - 1;
        long checked = 0;
        long lastSeq = after;
        while (true) {
            List<AuditStore.Stored> page;
            try {
                page = store.chain(orgId, env, after, PAGE);
            } catch (IllegalArgumentException e) {    // a row edited into something no writer produces
                return new Result(false, checked, new Broken(after + 1, null));
            }
            for (AuditStore.Stored s : page) {
                if (!same(expected, s.prevHash()) || !Arrays.equals(AuditHash.hash(s.prevHash(), s.record()), s.hash())) {
                    return new Result(false, checked, new Broken(s.seq(), s.record().at()));
                }
                expected = s.hash();
                lastSeq = s.seq();
                checked++;
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.getLast().seq();
        }
        if (head != null && head.lastSeq() > 0 && (head.lastSeq() != lastSeq || !same(head.lastHash(), expected))) {
            return new Result(false, checked, new Broken(head.lastSeq(), null));
        }
        return new Result(true, checked, null);
    }

    private static boolean same(byte @Nullable [] a, byte @Nullable [] b) {
        return Arrays.equals(a == null || a.length == 0 ? null : a, b == null || b.length == 0 ? null : b);
    }
}
