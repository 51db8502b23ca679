package dev.keybridge.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A per-node cache whose entries live at most {@code ttl} and die at once when the node's own
 * {@code generation} moves (a local write). Another node's write is seen within {@code ttl}: that bound
 * is the whole cross-node contract, so keep it short (one second for credentials and connections).
 * Absent values are not cached. Bounded: past {@code maxEntries} it starts over.
 */
public final class ShortLived<K, V> {

    private record Entry<V>(V value, long expiresAt, long generation) {}

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier generation;
    private final LongSupplier nanoTime;

    /** Entries age by {@code clock} (so a test can move past {@code ttl} without sleeping). */
    public ShortLived(Duration ttl, int maxEntries, LongSupplier generation, Clock clock) {
        this(ttl, maxEntries, generation, () -> clock.millis() * 1_000_000L);
    }

    ShortLived(Duration ttl, int maxEntries, LongSupplier generation, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.generation = generation;
        this.nanoTime = nanoTime;
    }

    /** The cached value, or {@code load}'s (cached when present). */
    public Optional<V> get(K key, Supplier<Optional<V>> load) {
        long now = nanoTime.getAsLong();
        long gen = generation.getAsLong();
        Entry<V> e = ttlNanos > 0 ? entries.get(key) : null;
        if (e != null && e.generation() == gen && now - e.expiresAt() < 0) {
            return Optional.of(e.value());
        }
        Optional<V> loaded = load.get();
        if (ttlNanos > 0) {
            if (loaded.isPresent()) {
                if (entries.size() >= maxEntries) {
                    entries.clear();
                }
                entries.put(key, new Entry<>(loaded.get(), now + ttlNanos, gen));
            } else if (e != null) {
                entries.remove(key, e);
            }
        }
        return loaded;
    }

    public void clear() {
        entries.clear();
    }
}
