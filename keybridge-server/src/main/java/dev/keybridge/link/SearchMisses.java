package dev.keybridge.link;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.catalog.Catalog;
import dev.keybridge.tenancy.Environment;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Apps your users looked for: a Link search that matched no app enabled in the environment is counted per term
 * (lower case, spaces collapsed, 2 to 60 characters), so an operator sees which apps to enable or ask for. The
 * server decides whether a term missed (the page's beacon only names the term); at most {@link #MAX_TERMS} terms
 * per environment.
 */
@Repository
public class SearchMisses {

    /** A term and how often it was searched without a match. */
    public record Miss(String term, long searches, Instant lastAt) {}

    static final int MAX_TERMS = 500;

    private final JdbcClient jdbc;
    private final AppSettings apps;
    private final Clock clock;

    SearchMisses(JdbcClient jdbc, AppSettings apps, Clock clock) {
        this.jdbc = jdbc;
        this.apps = apps;
        this.clock = clock;
    }

    /** Counts {@code typed} for the session's environment when it matches none of its enabled apps; true when counted. */
    boolean noteIfMissed(LinkSession s, String typed) {
        String term = normalize(typed);
        if (term == null || s.step() != LinkSession.State.PICKING) {
            return false;
        }
        List<AppDefinition> enabled = apps.enabled(s.orgId(), s.environment());
        if (!Catalog.detect(enabled, term).isEmpty()) {
            return false;
        }
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                insert into link_search_miss (org_id, environment, term, first_at, last_at)
                select ?, ?, ?, ?, ?
                where exists (select 1 from link_search_miss where org_id = ? and environment = ? and term = ?)
                   or (select count(*) from link_search_miss where org_id = ? and environment = ?) < ?
                on conflict (org_id, environment, term)
                do update set searches = link_search_miss.searches + 1, last_at = excluded.last_at
                """)
                .params(s.orgId(), s.environment().wire(), term, now, now, s.orgId(), s.environment().wire(), term,
                        s.orgId(), s.environment().wire(), MAX_TERMS)
                .update() > 0;
    }

    /** The most searched terms of the environment, most searched first. */
    public List<Miss> top(String orgId, Environment env, int limit) {
        return jdbc.sql("select term, searches, last_at from link_search_miss where org_id = ? and environment = ? "
                        + "order by searches desc, last_at desc limit ?")
                .params(orgId, env.wire(), limit)
                .query((rs, n) -> new Miss(rs.getString("term"), rs.getLong("searches"),
                        rs.getTimestamp("last_at").toInstant()))
                .list();
    }

    /** Lower case, inner spaces collapsed; null when shorter than 2 or longer than 60 characters. */
    static String normalize(String typed) {
        if (typed == null) {
            return null;
        }
        String t = typed.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return t.length() < 2 || t.length() > 60 ? null : t;
    }
}
