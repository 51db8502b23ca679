package dev.keybridge.repair;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keybridge.connection.ConnectionExpiry;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The connections that need their end user, newest need first: {@code login_required}, {@code pending_expiration}
 * (a known end within the environment's lead time) and {@code failing} (active, but the last refresh or check
 * failed), each with its latest reconnect link. Filters by state, reason, app and age; counts by state and app.
 */
@Component
public class RepairInbox {

    static final Set<String> STATES = Set.of("login_required", "pending_expiration", "failing");
    static final int MAX_LIMIT = 200;

    /** The filters; null: any. {@code olderThanDays}: the need began at least that many days ago. */
    public record Filter(@Nullable String state, @Nullable String reason, @Nullable String app,
                         @Nullable Integer olderThanDays) {}

    @Schema(name = "RepairItem")
    public record Item(@JsonProperty("connection_id") String connectionId,
                       @JsonProperty("linked_account_id") String linkedAccountId,
                       String app,
                       @Schema(allowableValues = {"login_required", "pending_expiration", "failing"}) String state,
                       @Schema(description = "Why: the status reason, the expiry's reason or the last error.") @Nullable String reason,
                       @Schema(description = "Since when it needs the end user.") String since,
                       @JsonProperty("expires_at") @Nullable String expiresAt,
                       @JsonProperty("last_link_id") @Nullable String lastLinkId,
                       @JsonProperty("last_link_state") @Nullable String lastLinkState,
                       @JsonProperty("last_email") @Nullable String lastEmail) {}

    @Schema(name = "RepairInbox")
    @JsonPropertyOrder({"docs", "limit", "hasNextPage", "nextCursor", "counts", "counts_by_app", "repaired"})
    public record Page(List<Item> docs, int limit, boolean hasNextPage,
                       @JsonInclude(JsonInclude.Include.ALWAYS)
                       @Schema(description = "Pass back as `cursor` for the next page; null on the last page.")
                       @Nullable String nextCursor,
                       @Schema(description = "Connections in each state, with no filter but the app's.") Map<String, Long> counts,
                       @Schema(description = "Connections needing the end user per app, with no filter.")
                       @JsonProperty("counts_by_app") Map<String, Long> countsByApp,
                       @Schema(description = "Reconnect links of the last 7 days that ended in a repaired connection, "
                               + "newest first (at most 20).") List<Repaired> repaired) {}

    /** A connection a reconnect link repaired. */
    @Schema(name = "RepairedConnection")
    public record Repaired(@JsonProperty("connection_id") String connectionId,
                           @JsonProperty("linked_account_id") String linkedAccountId, String app,
                           @JsonProperty("link_id") String linkId, @Nullable String email,
                           @JsonProperty("link_created_at") String linkCreatedAt) {}

    private static final String INBOX = """
            with scoped as (
                select c.id, a.external_id, c.app_slug, c.status, c.status_reason, c.expiry_reason, c.last_error,
                       c.status_changed_at, c.last_error_at, c.expiry_warned_at, c.expires_at,
                       coalesce(make_interval(days => s.expiry_warning_lead_days), cast(? as interval)) as lead
                from connection c
                join linked_account a on a.id = c.linked_account_id
                left join connection_setting s on s.org_id = c.org_id and s.environment = c.environment
                where c.org_id = ? and c.environment = ? and c.status <> 'disconnected'
            ), inbox as (
                select i.*, case when i.status = 'login_required' then 'login_required'
                                 when i.expires_at <= cast(? as timestamptz) + i.lead then 'pending_expiration'
                                 else 'failing' end as state
                from scoped i
                where i.status = 'login_required' or i.last_error is not null
                   or i.expires_at <= cast(? as timestamptz) + i.lead
            ), needs as (
                select i.*, case i.state when 'login_required' then i.status_reason
                                         when 'pending_expiration' then i.expiry_reason else i.last_error end as reason,
                       date_trunc('milliseconds', case i.state when 'login_required' then i.status_changed_at
                           -- when the end came within the lead time (or it was linked, if later): fixed, so pages hold
                           when 'pending_expiration' then coalesce(i.expiry_warned_at,
                                                                   greatest(i.expires_at - i.lead, i.status_changed_at))
                           else coalesce(i.last_error_at, i.status_changed_at) end) as since
                from inbox i
            )
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ConnectionExpiry expiry;

    RepairInbox(JdbcClient jdbc, Clock clock, ConnectionExpiry expiry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.expiry = expiry;
    }

    /** One page ({@code limit} 1 to 200) after {@code cursor} (from the previous page; null: the first). */
    public Page list(Caller caller, Filter f, int limit, @Nullable String cursor) {
        if (f.state() != null && !STATES.contains(f.state())) {
            throw Errors.invalid("'state' must be login_required, pending_expiration or failing.");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Errors.invalid("'limit' must be 1 to " + MAX_LIMIT + ".");
        }
        if (f.olderThanDays() != null && (f.olderThanDays() < 0 || f.olderThanDays() > 3650)) {
            throw Errors.invalid("'older_than_days' must be 0 to 3650.");
        }
        Instant now = clock.instant();
        List<Object> params = new ArrayList<>(base(caller, now));
        StringBuilder sql = new StringBuilder(INBOX).append("""
                select n.id, n.external_id, n.app_slug, n.state, n.reason, n.since, n.expires_at, r.id, r.state, r.email
                from needs n
                left join lateral (
                    select r.id, r.email,""").append(ReconnectLinkStore.STATE).append("""
                     as state
                    from reconnect_link r left join link_session ls on ls.id = r.link_session_id and ls.org_id = r.org_id
                    where r.org_id = ? and r.connection_id = n.id order by r.created_at desc, r.id desc limit 1
                ) r on true
                where true""");
        params.add(Timestamp.from(now));
        params.add(caller.orgId());
        filter(sql, params, f, now);
        if (cursor != null) {
            Cursor c = Cursor.parse(cursor);
            sql.append(" and (n.since, n.id) < (?, ?)");
            params.add(Timestamp.from(c.since()));
            params.add(c.id());
        }
        sql.append(" order by n.since desc, n.id desc limit ?");
        params.add(limit + 1);
        List<Item> rows = jdbc.sql(sql.toString()).params(params).query(RepairInbox::item).list();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Item last = rows.getLast();
            next = new Cursor(Timestamps.parse(last.since()), last.connectionId()).text();
        }
        return new Page(rows, limit, next != null, next, counts(caller, now, "state", f.app()), counts(caller, now, "app_slug", null),
                repaired(caller, now));
    }

    private List<Repaired> repaired(Caller caller, Instant now) {
        return jdbc.sql("""
                        select r.connection_id, a.external_id, c.app_slug, r.id, r.email, r.created_at
                        from reconnect_link r
                        join link_session ls on ls.id = r.link_session_id and ls.org_id = r.org_id and ls.step = 'succeeded'
                        join connection c on c.id = r.connection_id and c.org_id = r.org_id
                        join linked_account a on a.id = c.linked_account_id
                        where r.org_id = ? and r.environment = ? and r.created_at > ?
                        order by r.created_at desc, r.id desc limit 20""")
                .params(caller.orgId(), caller.environment().wire(), Timestamp.from(now.minus(java.time.Duration.ofDays(7))))
                .query((rs, n) -> new Repaired(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Timestamps.format(rs.getTimestamp(6).toInstant())))
                .list();
    }

    private Map<String, Long> counts(Caller caller, Instant now, String column, @Nullable String app) {
        Map<String, Long> out = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>(base(caller, now));
        String where = app == null ? "" : " where app_slug = ?";
        if (app != null) {
            params.add(app);
        }
        jdbc.sql(INBOX + "select " + column + ", count(*) from needs" + where + " group by 1 order by 1")
                .params(params).query(rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                });
        return out;
    }

    private List<Object> base(Caller caller, Instant now) {
        String lead = expiry.lead(caller.orgId(), caller.environment()).toSeconds() + " seconds";
        Timestamp at = Timestamp.from(now);
        return List.of(lead, caller.orgId(), caller.environment().wire(), at, at);
    }

    private static void filter(StringBuilder sql, List<Object> params, Filter f, Instant now) {
        if (f.state() != null) {
            sql.append(" and n.state = ?");
            params.add(f.state());
        }
        if (f.reason() != null) {
            sql.append(" and n.reason = ?");
            params.add(f.reason());
        }
        if (f.app() != null) {
            sql.append(" and n.app_slug = ?");
            params.add(f.app());
        }
        if (f.olderThanDays() != null) {
            sql.append(" and n.since <= ?");
            params.add(Timestamp.from(now.minus(java.time.Duration.ofDays(f.olderThanDays()))));
        }
    }

    private static Item item(ResultSet rs, int n) throws SQLException {
        return new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Timestamps.format(rs.getTimestamp(6).toInstant()), fmt(rs.getTimestamp(7)), rs.getString(8),
                rs.getString(9), rs.getString(10));
    }

    private static @Nullable String fmt(@Nullable Timestamp t) {
        return t == null ? null : Timestamps.format(t.toInstant());
    }

    /** Where a page ended: the last row's need time and connection id, as opaque text. */
    record Cursor(Instant since, String id) {

        String text() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((since.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 2);
                return new Cursor(Instant.parse(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                throw Errors.invalid("'cursor' is not one this API gave out.");
            }
        }
    }
}
