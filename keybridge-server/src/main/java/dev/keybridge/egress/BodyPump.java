package dev.keybridge.egress;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Feeds a response body into a {@link HttpResponse.BodySubscriber} as its demand allows, on a
 * thread of its own, so {@code BodyHandlers.ofInputStream()} streams and {@code ofString()}
 * completes; cancelling (closing the stream early) stops it and discards the connection.
 */
final class BodyPump implements Flow.Subscription, Runnable {

    private final InputStream in;
    private final HttpResponse.BodySubscriber<?> subscriber;
    private final Runnable release;
    private final Runnable abort;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long demand;
    private boolean cancelled;

    BodyPump(InputStream in, HttpResponse.BodySubscriber<?> subscriber, Runnable release, Runnable abort) {
        this.in = in;
        this.subscriber = subscriber;
        this.release = release;
        this.abort = abort;
    }

    @Override
    public void request(long n) {
        lock.lock();
        try {
            if (n <= 0) {
                cancelled = true;
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void cancel() {
        lock.lock();
        try {
            cancelled = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void run() {
        byte[] buffer = new byte[16 * 1024];
        try {
            while (awaitDemand()) {
                int n = in.read(buffer);
                if (n < 0) {
                    release.run();
                    subscriber.onComplete();
                    return;
                }
                lock.lock();
                try {
                    demand--;
                } finally {
                    lock.unlock();
                }
                subscriber.onNext(List.of(ByteBuffer.wrap(Arrays.copyOf(buffer, n))));
            }
            abort.run();
        } catch (IOException | RuntimeException e) {
            abort.run();
            subscriber.onError(e);
        }
    }

    /** Waits for demand; false once cancelled. */
    private boolean awaitDemand() {
        lock.lock();
        try {
            while (demand == 0 && !cancelled) {
                changed.awaitUninterruptibly();
            }
            return !cancelled;
        } finally {
            lock.unlock();
        }
    }
}
