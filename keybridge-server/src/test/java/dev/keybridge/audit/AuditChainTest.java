package dev.keybridge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.config.AuditSettings;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The chain on one database: two writers (nodes) make one valid chain per environment; the flush bound. */
class AuditChainTest extends IntegrationTest {

    @Autowired
    private AuditStore store;
    @Autowired
    private AuditVerifier verifier;
    @Autowired
    private AuditSettings settings;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private AuditLog log;

    private AuditRecord record(String orgId, Environment env, int i) {
        return new AuditRecord(orgId, env, clock.instant(), AuditRecord.ActorType.SYSTEM, null, "connection.created",
                "conn_" + i, Map.of("n", i, "note", "quote \" and \\ and é"));
    }

    @Test
    void doesStoreEveryCharacterAsRecordedWhenTheBulkWriterEscapesIt() {
        TestOrganization o = newOrganization();
        String awkward = "tab\there, line\nbreak, cr\r, back\\slash \\N, quote \", é ✓, \u0001";
        AuditRecord r = new AuditRecord(o.id(), Environment.TEST, clock.instant(), AuditRecord.ActorType.OPERATOR,
                "op\tid\\N", "connection.created", "conn\n1", Map.of("path", awkward, "n", 7));

        store.append(Map.of(ChainKey.of(r), List.of(r)));

        AuditStore.Stored back = store.chain(o.id(), Environment.TEST, 0, 10).getFirst();
        assertThat(back.record()).isEqualTo(r);
        assertThat(back.prevHash()).isNull();
        assertThat(back.hash()).isEqualTo(AuditHash.hash(null, r));
        assertThat(verifier.verify(o.id(), Environment.TEST).valid()).isTrue();
    }

    @Test
    void doesMakeOneValidChainPerEnvironmentWhenTwoNodesFlushAtOnce() throws Exception {
        TestOrganization a = newOrganization();
        TestOrganization b = newOrganization();
        AuditLog first = new AuditLog(store, settings, meters);
        AuditLog second = new AuditLog(store, settings, meters);
        int perNode = 1500;
        for (int i = 0; i < perNode; i++) {
            for (AuditLog node : List.of(first, second)) {
                node.record(record(a.id(), Environment.TEST, i));
                node.record(record(b.id(), Environment.TEST, i));
                node.record(record(a.id(), Environment.PRODUCTION, i));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (AuditLog node : List.of(first, second)) {
                running.add(pool.submit(() -> {
                    while (node.flush() > 0) {
                        // the next batch
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        for (TestOrganization o : List.of(a, b)) {
            AuditVerifier.Result r = verifier.verify(o.id(), Environment.TEST);
            assertThat(r.valid()).as(r.toString()).isTrue();
            assertThat(r.checked()).isEqualTo(2L * perNode);
        }
        AuditVerifier.Result production = verifier.verify(a.id(), Environment.PRODUCTION);
        assertThat(production.valid()).isTrue();
        assertThat(production.checked()).isEqualTo(2L * perNode);
        assertThat(verifier.verify(b.id(), Environment.PRODUCTION).checked()).isZero();
    }

    @Test
    void doesWriteARecordWithinOneFlushIntervalWhenNothingElseHappens() {
        TestOrganization o = newOrganization();

        log.record(record(o.id(), Environment.TEST, 1));

        // The kill -9 bound of docs/audit.md: a record handed over is in the database within one interval
        // (1s), plus the write itself.
        await().atMost(settings.flushInterval().plus(Duration.ofMillis(500))).pollInterval(Duration.ofMillis(20))
                .until(() -> verifier.verify(o.id(), Environment.TEST).checked() == 1);
    }

    @Test
    void doesRefuseDetailThatIsNotAStringNumberOrBooleanWhenARecordIsMade() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AuditRecord("org", Environment.TEST, clock.instant(),
                        AuditRecord.ActorType.SYSTEM, null, "proxy.call", null, Map.of("x", List.of("y"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doesKeepTheChainVerifiableWhenRetentionDeletesTheOldestRecords() {
        TestOrganization o = newOrganization();
        AuditLog node = new AuditLog(store, settings, meters);
        for (int i = 0; i < 5; i++) {
            node.record(new AuditRecord(o.id(), Environment.TEST, clock.instant().minus(Duration.ofDays(500 - i)),
                    AuditRecord.ActorType.SYSTEM, null, "proxy.call", "conn_old", Map.of("n", i)));
        }
        for (int i = 0; i < 3; i++) {
            node.record(record(o.id(), Environment.TEST, i));
        }
        node.flush();
        AuditRetention retention = new AuditRetention(store, settings, clock);

        while (retention.sweep() > 0) {
            // until nothing is past retention
        }

        AuditVerifier.Result r = verifier.verify(o.id(), Environment.TEST);
        assertThat(r.valid()).as(r.toString()).isTrue();
        assertThat(r.checked()).isEqualTo(3);
        long oldest = jdbc.sql("select min(seq) from audit_record where org_id = ?").param(o.id()).query(Long.class).single();
        jdbc.sql("delete from audit_record where org_id = ? and seq = ?").params(o.id(), oldest).update();
        AuditVerifier.Result broken = verifier.verify(o.id(), Environment.TEST);
        assertThat(broken.valid()).isFalse();
        assertThat(broken.firstBroken()).isNotNull();
        assertThat(broken.firstBroken().seq()).isGreaterThan(oldest);
    }

    @Test
    void doesStayValidWhenRetentionDeletesEveryRecordOfAChain() {
        TestOrganization o = newOrganization();
        AuditLog node = new AuditLog(store, settings, meters);
        node.record(new AuditRecord(o.id(), Environment.TEST, clock.instant().minus(Duration.ofDays(401)),
                AuditRecord.ActorType.SYSTEM, null, "proxy.call", null, Map.of()));
        node.flush();

        new AuditRetention(store, settings, clock).sweep();

        AuditVerifier.Result r = verifier.verify(o.id(), Environment.TEST);
        assertThat(r.valid()).as(r.toString()).isTrue();
        assertThat(r.checked()).isZero();
        node.record(record(o.id(), Environment.TEST, 1));
        node.flush();
        assertThat(verifier.verify(o.id(), Environment.TEST).checked()).isEqualTo(1);
        assertThat(verifier.verify(o.id(), Environment.TEST).valid()).isTrue();
    }

    @Test
    void doesFindTheChainValidWhenRecordsAreWrittenWhileItVerifies() throws Exception {
        TestOrganization o = newOrganization();
        AuditLog node = new AuditLog(store, settings, meters);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> writing = pool.submit(() -> {
                for (int batch = 0; batch < 40; batch++) {
                    for (int i = 0; i < 100; i++) {
                        node.record(record(o.id(), Environment.TEST, i));
                    }
                    node.flush();
                }
            });
            while (!writing.isDone()) {
                AuditVerifier.Result r = verifier.verify(o.id(), Environment.TEST);
                assertThat(r.valid()).as(r.toString()).isTrue();
            }
            writing.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(verifier.verify(o.id(), Environment.TEST).checked()).isEqualTo(4000);
    }
}
