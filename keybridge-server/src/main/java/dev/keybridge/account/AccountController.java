package dev.keybridge.account;

import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.CursorPage;
import dev.keybridge.web.Cursors;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Idempotent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Linked Accounts API (wire-formats §2), for server credentials. */
@RestController
@RequestMapping("/api/v2/public/linked-account")
class AccountController {

    static final int DEFAULT_LIMIT = 10;
    private static final String CURSOR_KIND = "a";
    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{24}");

    private final AccountService accounts;
    private final AccountStore store;

    AccountController(AccountService accounts, AccountStore store) {
        this.accounts = accounts;
        this.store = store;
    }

    @Operation(summary = "Create or update a linked account",
            description = "Server credentials: creates the linked account with this id, or updates the one that exists.")
    @PutMapping
    ResponseEntity<AccountView> upsert(@AuthenticationPrincipal Caller caller, @RequestBody UpsertRequest body) {
        AccountService.Outcome outcome = accounts.upsert(caller, body.input());
        return ResponseEntity.ok()
                .header("x-keybridge-result", outcome.created() ? "created" : outcome.changed() ? "updated" : "unchanged")
                .body(AccountView.of(outcome.account()));
    }

    @Operation(summary = "Create a linked account",
            description = "Server credentials: creates a linked account; 409 `linked_account_exists` when one with this "
                    + "`linked_account_id` exists (`PUT` creates or updates).")
    @PostMapping
    @Idempotent
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    ResponseEntity<AccountView> create(@AuthenticationPrincipal Caller caller, @RequestBody UpsertRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(AccountView.of(accounts.create(caller, body.input())));
    }

    @Operation(summary = "Get a linked account",
            description = "Server credentials: one linked account of this environment.")
    @GetMapping("/{linkedAccountId}")
    AccountView get(@AuthenticationPrincipal Caller caller, @PathVariable String linkedAccountId) {
        return AccountView.of(accounts.get(caller, accounts.checkedId("linked_account_id", linkedAccountId)));
    }

    @Operation(summary = "Delete a linked account",
            description = "Server credentials: deletes the linked account (fires `linked_account.deleted`).")
    @DeleteMapping("/{linkedAccountId}")
    DeletedAccountResponse delete(@AuthenticationPrincipal Caller caller, @PathVariable String linkedAccountId) {
        return DeletedAccountResponse.of(accounts.delete(caller, accounts.checkedId("linked_account_id", linkedAccountId)));
    }

    /**
     * Page mode ({@code page}, {@code limit}): the original system's mongoose-paginate shape. Cursor
     * mode ({@code cursor}, empty for the first page): no counting, stable under inserts.
     */
    @Operation(summary = "List linked accounts",
            description = "Server credentials: page mode (`page`, `limit`: the original system's paginate shape) or cursor "
                    + "mode (`cursor`, empty for the first page: no counting, stable under inserts).")
    @GetMapping
    AccountListResponse list(@AuthenticationPrincipal Caller caller,
                             @RequestParam(defaultValue = "1") int page,
                             @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
                             @RequestParam(required = false) String cursor,
                             @RequestParam(name = "linked_account_id", required = false) String externalId,
                             @RequestParam(name = "linked_account_id_prefix", required = false) String idPrefix,
                             @RequestParam(name = "name_prefix", required = false) String namePrefix) {
        Cursors.checkLimit(limit);
        if (page < 1) {
            throw Errors.invalid("page must be 1 or more.");
        }
        String exact = blankToNull(externalId);
        AccountStore.Filter filter = new AccountStore.Filter(
                exact == null ? null : accounts.checkedId("linked_account_id", exact), blankToNull(idPrefix),
                blankToNull(namePrefix));
        if (cursor != null) {
            String after = Cursors.decode(CURSOR_KIND, cursor, OBJECT_ID);
            return AccountListResponse.Cursor.of(CursorPage.of(
                    store.page(caller.orgId(), caller.environment(), filter, after, 0, limit + 1), limit,
                    CURSOR_KIND, LinkedAccount::id, AccountView::of));
        }
        long total = store.count(caller.orgId(), caller.environment(), filter);
        long offset = (long) (page - 1) * limit;
        List<LinkedAccount> rows = offset >= total ? List.of()
                : store.page(caller.orgId(), caller.environment(), filter, null, (int) offset, limit);
        int totalPages = (int) Math.max(1, (total + limit - 1) / limit);
        return new AccountListResponse.Paged(rows.stream().map(AccountView::of).toList(), total, limit, page,
                totalPages, offset + 1, page > 1, page < totalPages, page > 1 ? page - 1 : null,
                page < totalPages ? page + 1 : null,
                page < totalPages && !rows.isEmpty() ? Cursors.encode(CURSOR_KIND, rows.getLast().id()) : null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
