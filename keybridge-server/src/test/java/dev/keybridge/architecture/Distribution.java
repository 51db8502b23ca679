package dev.keybridge.architecture;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the schema distributes on Citus (docs/scale.md): every table is distributed by
 * {@link #COLUMN} unless it is named here as a reference table (replicated to every node) or a
 * local table (kept on the coordinator). {@link SchemaRulesTest} checks the catalog against it and
 * {@link ArchitectureTest} checks the stores' writes; a new table is a tenant table until it is
 * listed here with its reason.
 */
final class Distribution {

    /** The distribution column of every tenant table. */
    static final String COLUMN = "org_id";

    /** Small, global, read everywhere and found before the organization is known. */
    static final Map<String, String> REFERENCE = Map.of(
            "organization", "the tenants themselves: one row each, the target of every tenant table's foreign key",
            "environment_credential", "an API key or client is found by its secret's hash or client id before the "
                    + "organization is known; a few rows per organization, written when issued, revoked or (once a minute) used",
            "operator", "operators sign in by e-mail address, unique across the server (no organization picker)",
            "operator_invite", "an invitation is found by its token's hash before anyone is signed in",
            "operator_sso_account", "(issuer, subject) is unique across the server and found before the organization is known");

    /** Not organization data: node coordination, throttles keyed by address, sign-in state, Flyway. */
    static final Map<String, String> LOCAL = Map.ofEntries(
            Map.entry("flyway_schema_history", "Flyway's own history, run on the coordinator"),
            Map.entry("database_heartbeat", "one row the readiness probe writes: is the coordinator writable"),
            Map.entry("rate_limit_counter", "counters keyed by client address, credential hash or organization, short-lived"),
            Map.entry("rate_limit_block", "the live blocks every node polls, keyed like the counters"),
            Map.entry("operator_signin_failure", "sign-in throttling keyed by e-mail address and client address"),
            Map.entry("dashboard_session", "a browser's dashboard session, found by its cookie's hash before sign-in"),
            Map.entry("dashboard_session_attribute", "the attributes of a dashboard session"),
            Map.entry("dashboard_sso_request", "an SSO sign-in under way, found by its cookie's hash"),
            Map.entry("sandbox_oauth_grant", "the sandbox OAuth2 provider's grants: a stand-in upstream, not tenant data"));

    /**
     * The writes to tenant tables that do not filter by organization, each with its reason; docs/scale.md
     * says how each becomes single-shard. A fragment of "" covers every write of the table in that file.
     */
    static final List<SourceRules.Exemption> CROSS_ORGANIZATION_WRITES = List.of(
            new SourceRules.Exemption("events/Events.java", "event", "from batch b where e.seq = b.seq",
                    "background claim: the fan-out takes the oldest undispatched events of every organization"),
            new SourceRules.Exemption("webhook/DeliveryStore.java", "webhook_delivery", "from due where d.id = due.id",
                    "background claim: delivery workers lease due deliveries of every organization (claim), "
                            + "or the next of one endpoint (claimNext)"),
            new SourceRules.Exemption("connection/CredentialLease.java", "connection", "order by credential_expires_at nulls last",
                    "background claim: the refresh scan leases due connections of every organization"),
            new SourceRules.Exemption("connection/CredentialLease.java", "connection", "order by next_check_at nulls first",
                    "background claim: the check scan leases due connections of every organization"),
            new SourceRules.Exemption("connection/ConnectionExpiry.java", "connection", "from due where c.id = due.id",
                    "background claim: the expiry-warning scan marks due horizons of every organization warned"),
            new SourceRules.Exemption("link/ExpiredLinkCleanup.java", "link_session", "where expires_at < ?",
                    "background sweep: expired Link sessions of every organization"),
            new SourceRules.Exemption("link/ExpiredLinkCleanup.java", "public_token", "where expires_at < ?",
                    "background sweep: expired public tokens of every organization"),
            new SourceRules.Exemption("idempotency/IdempotencyStore.java", "idempotency_key", "where created_at < ?",
                    "background sweep: idempotency keys past their TTL in every organization"),
            new SourceRules.Exemption("session/SessionRevocations.java", "session_token_revoked", "where expires_at < ?",
                    "sweep on the side of a revocation: revoked tokens of every organization that have expired anyway"),
            new SourceRules.Exemption("link/LinkSessions.java", "link_session", "",
                    "Link's browser steps find the session by a server-wide key (link token, browser handle, OAuth "
                            + "state, session id) that carries no organization; one row of one organization"));

    private Distribution() {}

    /** The tables that are not distributed. */
    static Set<String> notDistributed() {
        Set<String> out = new TreeSet<>(REFERENCE.keySet());
        out.addAll(LOCAL.keySet());
        return out;
    }
}
