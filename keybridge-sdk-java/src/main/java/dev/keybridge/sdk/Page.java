package dev.keybridge.sdk;

import dev.keybridge.sdk.exception.KeybridgeException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * One page of a cursor list ({@code docs, hasNextPage, nextCursor} on the wire). Walk one page with
 * {@link #data()}, or every item of every page with {@link #autoPagingIterable()} /
 * {@link #autoPagingStream()}, which fetch the next page only when the current one is used up.
 *
 * <p>To go on later (another request, another process), keep {@link #nextCursor()} and start a listing from it:
 * the list params' {@code cursor(..)} (e.g.
 * {@link dev.keybridge.sdk.param.LinkedAccountListParams.Builder#cursor(String)}) makes that listing's first page
 * the one after the saved cursor, and auto-paging walks on from there.
 *
 * @param <T> the item type
 */
public final class Page<T> {

    private final List<T> data;
    private final boolean hasMore;
    private final @Nullable String nextCursor;
    private final Function<String, Page<T>> next;
    private final @Nullable KeybridgeResponse lastResponse;

    /** A page; {@code next} fetches the page after a cursor. */
    public Page(List<T> data, boolean hasMore, @Nullable String nextCursor, Function<String, Page<T>> next) {
        this(data, hasMore, nextCursor, next, null);
    }

    /** A page with the answer that brought it; {@code next} fetches the page after a cursor. */
    public Page(List<T> data, boolean hasMore, @Nullable String nextCursor, Function<String, Page<T>> next,
                @Nullable KeybridgeResponse lastResponse) {
        this.data = List.copyOf(data);
        this.hasMore = hasMore && nextCursor != null;
        this.nextCursor = nextCursor;
        this.next = next;
        this.lastResponse = lastResponse;
    }

    /** The items of this page. */
    public List<T> data() {
        return data;
    }

    /** Whether another page follows. */
    public boolean hasMore() {
        return hasMore;
    }

    /** The cursor of the next page, or null on the last page: save it to continue a listing later. */
    public @Nullable String nextCursor() {
        return nextCursor;
    }

    /** The answer that brought this page (its request id, status, headers), or null for a page made by hand. */
    public @Nullable KeybridgeResponse lastResponse() {
        return lastResponse;
    }

    /**
     * Fetches the next page.
     *
     * @return the page after this one
     * @throws NoSuchElementException on the last page
     * @throws KeybridgeException when fetching it fails (see its subclasses)
     */
    public Page<T> nextPage() {
        if (!hasMore) {
            throw new NoSuchElementException("this is the last page");
        }
        return next.apply(nextCursor);
    }

    /**
     * Every item from this page on, fetching pages as the iteration reaches them: the iterator's
     * {@code hasNext()} and {@code next()} throw a {@link KeybridgeException} when fetching a page fails.
     */
    public Iterable<T> autoPagingIterable() {
        return () -> new Iterator<T>() {
            private Page<T> page = Page.this;
            private int index;

            @Override
            public boolean hasNext() {
                while (index >= page.data.size()) {
                    if (!page.hasMore) {
                        return false;
                    }
                    page = page.nextPage();
                    index = 0;
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.data.get(index++);
            }
        };
    }

    /**
     * {@link #autoPagingIterable()} as a sequential stream (its terminal operations throw a
     * {@link KeybridgeException} when fetching a page fails).
     */
    public Stream<T> autoPagingStream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(autoPagingIterable().iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public String toString() {
        return "Page[" + data.size() + " items, hasMore=" + hasMore
                + (lastResponse == null ? "" : ", request_id=" + lastResponse.requestId()) + "]";
    }
}
