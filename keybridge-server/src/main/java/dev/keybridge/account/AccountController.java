package dev.keybridge.account;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.JsonNode;

/** The Linked Accounts API (wire-formats §2), for server credentials. */
@RestController
@RequestMapping("/api/v2/public/linked-account")
class AccountController {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private final AccountService accounts;
    private final AccountStore store;
    private final KeybridgeSettings.Limits limits;

    AccountController(AccountService accounts, AccountStore store, KeybridgeSettings settings) {
        this.accounts = accounts;
        this.store = store;
        this.limits = settings.limits();
    }

    @PutMapping
    ResponseEntity<AccountView> upsert(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        AccountService.Outcome outcome = accounts.upsert(caller, AccountInput.parse(body, limits));
        return ResponseEntity.ok()
                .header("x-keybridge-result", outcome.created() ? "created" : outcome.changed() ? "updated" : "unchanged")
                .body(AccountView.of(outcome.account()));
    }

    @PostMapping
    ResponseEntity<AccountView> create(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(AccountView.of(accounts.create(caller, AccountInput.parse(body, limits))));
    }

    @GetMapping("/{linkedAccountId}")
    AccountView get(@AuthenticationPrincipal Caller caller, @PathVariable String linkedAccountId) {
        return AccountView.of(accounts.get(caller, linkedAccountId));
    }

    @DeleteMapping("/{linkedAccountId}")
    Map<String, Object> delete(@AuthenticationPrincipal Caller caller, @PathVariable String linkedAccountId) {
        LinkedAccount gone = accounts.delete(caller, linkedAccountId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("_id", gone.id());
        out.put("account_id", gone.externalId());
        return out;
    }

    /**
     * Page mode ({@code page}, {@code limit}): the original system's mongoose-paginate shape. Cursor
     * mode ({@code cursor}, empty for the first page): no counting, stable under inserts.
     */
    @GetMapping
    Map<String, Object> list(@AuthenticationPrincipal Caller caller,
                             @RequestParam(defaultValue = "1") int page,
                             @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
                             @RequestParam(required = false) String cursor,
                             @RequestParam(name = "linked_account_id", required = false) String externalId,
                             @RequestParam(name = "linked_account_id_prefix", required = false) String idPrefix,
                             @RequestParam(name = "name_prefix", required = false) String namePrefix) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Errors.invalid("limit must be between 1 and " + MAX_LIMIT + ".");
        }
        if (page < 1) {
            throw Errors.invalid("page must be 1 or more.");
        }
        AccountStore.Filter filter = new AccountStore.Filter(blankToNull(externalId), blankToNull(idPrefix),
                blankToNull(namePrefix));
        Map<String, Object> out = new LinkedHashMap<>();
        if (cursor != null) {
            String after = cursor.isEmpty() ? null : decodeCursor(cursor);
            List<LinkedAccount> rows = store.page(caller.orgId(), caller.environment(), filter, after, 0, limit + 1);
            boolean more = rows.size() > limit;
            List<LinkedAccount> docs = rows.subList(0, Math.min(limit, rows.size()));
            out.put("docs", docs.stream().map(AccountView::of).toList());
            out.put("limit", limit);
            out.put("hasNextPage", more);
            out.put("nextCursor", more ? encodeCursor(docs.getLast().id()) : null);
            return out;
        }
        long total = store.count(caller.orgId(), caller.environment(), filter);
        long offset = (long) (page - 1) * limit;
        List<LinkedAccount> rows = offset >= total ? List.of()
                : store.page(caller.orgId(), caller.environment(), filter, null, (int) offset, limit);
        int totalPages = (int) Math.max(1, (total + limit - 1) / limit);
        out.put("docs", rows.stream().map(AccountView::of).toList());
        out.put("totalDocs", total);
        out.put("limit", limit);
        out.put("page", page);
        out.put("totalPages", totalPages);
        out.put("pagingCounter", offset + 1);
        out.put("hasPrevPage", page > 1);
        out.put("hasNextPage", page < totalPages);
        out.put("prevPage", page > 1 ? page - 1 : null);
        out.put("nextPage", page < totalPages ? page + 1 : null);
        out.put("nextCursor", page < totalPages && !rows.isEmpty() ? encodeCursor(rows.getLast().id()) : null);
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String encodeCursor(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("a:" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.startsWith("a:") && raw.substring(2).matches("[0-9a-f]{24}")) {
                return raw.substring(2);
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw Errors.invalid("cursor is not valid; pass back the nextCursor of a previous page.");
    }
}
