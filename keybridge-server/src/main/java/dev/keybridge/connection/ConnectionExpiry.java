package dev.keybridge.connection;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connector.Expiry;
import dev.keybridge.tenancy.Environment;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where a connection's credential ends (issue 20, item 1): stored with each new credential, read by update mode
 * and the status view, and claimed once per horizon by {@link ExpiryWarnings}. A horizon that moves (a renewal, a
 * rotated refresh token with a new lifetime) is warned of again when its own time comes.
 */
@Component
public class ConnectionExpiry {

    /** A connection to warn of (with the linked account's external id), claimed in the caller's transaction. */
    record Due(String orgId, Environment environment, String connectionId, String linkedAccountId, String app,
               String endUserOrgId, Expiry expiry) {}

    /** Horizons closer than this are one (a countdown answered twice); a renewal moves it by days. */
    static final Duration SAME_HORIZON = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration defaultLead;

    ConnectionExpiry(JdbcClient jdbc, Clock clock, KeybridgeSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.defaultLead = settings.checks().expiryLead();
    }

    /**
     * Stores the horizon of credentials just written: a new grant or login replaces it ({@code expiry} null: none
     * known any more); a refresh ({@code replace} false) replaces it only with a new one it learned of. A horizon
     * within {@link #SAME_HORIZON} of the stored one, for the same reason, is the stored one (a provider counting
     * down, Intuit's {@code x_refresh_token_expires_in}, answers a few seconds apart): kept, warning and all.
     */
    public void record(Connection c, Expiry expiry, boolean replace) {
        if (expiry == null && !replace) {
            return;
        }
        Optional<Expiry> stored = of(c.orgId(), c.id());
        if (!replace && stored.filter(s -> Expiry.CONSENT.equals(s.reason()) && s.at().isBefore(expiry.at())).isPresent()) {
            return;   // a refresh never extends a consent window: only the end user's new consent does
        }
        boolean same = expiry == null ? stored.isEmpty() : stored.filter(s -> s.reason().equals(expiry.reason())
                && Duration.between(s.at(), expiry.at()).abs().compareTo(SAME_HORIZON) < 0).isPresent();
        if (same) {
            return;
        }
        jdbc.sql("update connection set expires_at = ?, expiry_reason = ?, expiry_warned_at = null where id = ? and org_id = ?")
                .params(ts(expiry), expiry == null ? null : expiry.reason(), c.id(), c.orgId())
                .update();
    }

    /** The connection's known horizon, if any. */
    public Optional<Expiry> of(String orgId, String connectionId) {
        return jdbc.sql("select expires_at, expiry_reason from connection where id = ? and org_id = ? and expires_at is not null")
                .params(connectionId, orgId)
                .query((rs, n) -> new Expiry(rs.getTimestamp(1).toInstant(), rs.getString(2)))
                .optional();
    }

    /** The connection's horizon when it lies within its environment's lead time (a warning is due or sent). */
    public Optional<Expiry> pending(Connection c) {
        return of(c.orgId(), c.id()).filter(e -> !e.at().isAfter(clock.instant().plus(lead(c.orgId(), c.environment()))));
    }

    /** {@code KEYBRIDGE_EXPIRY_WARNING_LEAD}: the lead time of environments that set none. */
    Duration defaultLead() {
        return defaultLead;
    }

    /** The environment's lead time (its setting, else {@code KEYBRIDGE_EXPIRY_WARNING_LEAD}). */
    public Duration lead(String orgId, Environment env) {
        return jdbc.sql("select expiry_warning_lead_days from connection_setting where org_id = ? and environment = ?")
                .params(orgId, env.wire())
                .query(Integer.class).optional().map(d -> Duration.ofDays(d)).orElse(defaultLead);
    }

    /** Sets the environment's lead time, in days (1 to 90). */
    public void putLead(String orgId, Environment env, int days) {
        jdbc.sql("""
                insert into connection_setting (org_id, environment, expiry_warning_lead_days, updated_at) values (?, ?, ?, ?)
                on conflict (org_id, environment) do update set expiry_warning_lead_days = excluded.expiry_warning_lead_days,
                    updated_at = excluded.updated_at""")
                .params(orgId, env.wire(), days, Timestamp.from(clock.instant())).update();
    }

    /**
     * Claims up to {@code limit} active connections whose horizon is within their environment's lead time and not
     * warned of yet, marking it warned; rows another node holds are skipped. Must run in the transaction that
     * emits their warnings, so a crash leaves them for the next pass.
     */
    List<Due> claimDue(int limit) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                with due as (
                    select c.id from connection c
                    left join connection_setting s on s.org_id = c.org_id and s.environment = c.environment
                    where c.expiry_warned_at is null and c.expires_at is not null and c.status = 'active'
                      and c.credential_ciphertext is not null
                      and c.expires_at <= cast(? as timestamptz)
                          + coalesce(make_interval(days => s.expiry_warning_lead_days), cast(? as interval))
                    order by c.expires_at limit ? for update of c skip locked
                )
                update connection c set expiry_warned_at = ? from due where c.id = due.id
                returning c.org_id, c.environment, c.id,
                    (select a.external_id from linked_account a where a.id = c.linked_account_id), c.app_slug, c.end_user_org_id,
                    c.expires_at, c.expiry_reason""")
                .params(now, defaultLead.toSeconds() + " seconds", limit, now)
                .query((rs, n) -> new Due(rs.getString(1), Environment.fromWire(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6),
                        new Expiry(rs.getTimestamp(7).toInstant(), rs.getString(8))))
                .list();
    }

    private static Timestamp ts(Expiry e) {
        return e == null ? null : Timestamp.from(e.at());
    }
}
