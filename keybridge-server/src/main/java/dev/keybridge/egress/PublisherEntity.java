package dev.keybridge.egress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * A {@link HttpRequest.BodyPublisher} as an Apache entity: its buffers are pulled one at a time and
 * written as they come, so a streamed proxy upload is never held in memory.
 */
final class PublisherEntity extends AbstractHttpEntity {

    private static final Object END = new Object();

    private final HttpRequest.BodyPublisher publisher;

    PublisherEntity(HttpRequest.BodyPublisher publisher) {
        super((String) null, null, publisher.contentLength() < 0);
        this.publisher = publisher;
    }

    @Override
    public long getContentLength() {
        return publisher.contentLength();
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public boolean isStreaming() {
        return true;
    }

    @Override
    public InputStream getContent() {
        throw new UnsupportedOperationException("written with writeTo");
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        Flow.Subscription[] subscription = new Flow.Subscription[1];
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription[0] = s;
                queue.add(s);
            }

            @Override
            public void onNext(ByteBuffer item) {
                queue.add(item);
            }

            @Override
            public void onError(Throwable t) {
                queue.add(t);
            }

            @Override
            public void onComplete() {
                queue.add(END);
            }
        });
        try {
            Object first = queue.take();
            if (first instanceof Throwable t) {
                throw failure(t);
            }
            subscription[0].request(1);
            while (true) {
                Object next = queue.take();
                if (next == END) {
                    return;
                }
                if (next instanceof Throwable t) {
                    throw failure(t);
                }
                ByteBuffer buffer = (ByteBuffer) next;
                if (buffer.hasArray()) {
                    out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                } else {
                    byte[] copy = new byte[buffer.remaining()];
                    buffer.get(copy);
                    out.write(copy);
                }
                subscription[0].request(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            subscription[0].cancel();
            throw new IOException("interrupted while sending the request body", e);
        } catch (IOException | RuntimeException e) {
            if (subscription[0] != null) {
                subscription[0].cancel();
            }
            throw e;
        }
    }

    private static IOException failure(Throwable t) {
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof UncheckedIOException u) {
            return Objects.requireNonNull(u.getCause());   // never null: UncheckedIOException requires its cause
        }
        return new IOException("the request body failed: " + t, t);
    }

    @Override
    public void close() {
        // nothing held
    }
}
