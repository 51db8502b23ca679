package dev.keybridge.account;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keybridge.web.CursorPage;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /linked-account}: in page mode the original system's mongoose-paginate
 * shape ({@link Paged}); in cursor mode ({@code cursor} sent) a {@link CursorPage}.
 */
@Schema(name = "LinkedAccountList", oneOf = {AccountListResponse.Paged.class, AccountListResponse.Cursor.class})
public sealed interface AccountListResponse {

    /** Page mode: counts and page numbers; {@code nextCursor} continues in cursor mode. */
    @Schema(name = "LinkedAccountPage")
    @JsonPropertyOrder({"docs", "totalDocs", "limit", "page", "totalPages", "pagingCounter", "hasPrevPage",
            "hasNextPage", "prevPage", "nextPage", "nextCursor"})
    record Paged(
            List<AccountView> docs,
            long totalDocs,
            int limit,
            int page,
            int totalPages,
            long pagingCounter,
            boolean hasPrevPage,
            boolean hasNextPage,
            @Nullable Integer prevPage,
            @Nullable Integer nextPage,
            @Nullable String nextCursor) implements AccountListResponse {}

    /**
     * Cursor mode. Closed ({@code additionalProperties: false}), so a page-mode answer (which has these members and
     * more) never also matches it: the {@code oneOf} picks exactly one.
     */
    @Schema(name = "LinkedAccountCursorPage", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    @JsonPropertyOrder({"docs", "limit", "hasNextPage", "nextCursor"})
    record Cursor(
            List<AccountView> docs,
            int limit,
            boolean hasNextPage,
            @Nullable String nextCursor) implements AccountListResponse {

        static Cursor of(CursorPage<AccountView> page) {
            return new Cursor(page.docs(), page.limit(), page.hasNextPage(), page.nextCursor());
        }
    }
}
