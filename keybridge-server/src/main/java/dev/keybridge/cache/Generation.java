package dev.keybridge.cache;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The node-local counter a {@link ShortLived} cache ties its entries to. {@link #around} moves it before
 * and after a write: before, so this node's cache drops what it holds at once; after, so nothing a request
 * read and cached while the write was on its way survives it.
 */
public final class Generation implements LongSupplier {

    private final AtomicLong value = new AtomicLong();

    @Override
    public long getAsLong() {
        return value.get();
    }

    /** Runs {@code write}, moving the generation before and after it. */
    public <T> T around(Supplier<T> write) {
        value.incrementAndGet();
        try {
            return write.get();
        } finally {
            value.incrementAndGet();
        }
    }
}
