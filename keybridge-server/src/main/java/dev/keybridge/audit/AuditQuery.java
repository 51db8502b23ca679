package dev.keybridge.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The filters of the query API; null is "any". */
record AuditQuery(@Nullable String connectionId, @Nullable String action, @Nullable String actorId,
                  @Nullable Instant since, @Nullable Instant until) {}
