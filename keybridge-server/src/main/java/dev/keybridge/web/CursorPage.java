package dev.keybridge.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A page of a cursor list: {@code nextCursor} is null on the last page (and always written). */
@JsonPropertyOrder({"docs", "limit", "hasNextPage", "nextCursor"})
public record CursorPage<T>(
        List<T> docs,
        int limit,
        boolean hasNextPage,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(description = "Pass back as `cursor` for the next page; null on the last page.")
        @Nullable String nextCursor) {

    /** {@code rows} holds up to limit + 1 items; the extra one only says there is a next page. */
    public static <R, T> CursorPage<T> of(List<R> rows, int limit, String kind, Function<R, String> key,
                                          Function<R, T> view) {
        boolean more = rows.size() > limit;
        List<R> docs = rows.subList(0, Math.min(limit, rows.size()));
        return new CursorPage<>(docs.stream().map(view).toList(), limit, more,
                more ? Cursors.encode(kind, key.apply(docs.getLast())) : null);
    }
}
