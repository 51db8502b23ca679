package archfixture.tenantwrite;

/** SQL that writes tenant tables across organizations, and writes that are scoped (read as text by SourceRules). */
public class CrossTenantWrites {
    /** By id alone: touches whichever organization owns the id. */
    public static final String BY_ID = "update connection set status = ? " + "where id = ?";
    /** Every organization's expired rows. */
    public static final String SWEEP = """
            delete from link_session where expires_at < ?
            """;
    /** Names org_id, but only in what it returns. */
    public static final String RETURNS_ORG = "update event e set dispatched_at = ? where e.seq = ? returning e.org_id";
    /** Scoped: one organization's row. */
    public static final String SCOPED = "update connection set status = ? " + "where id = ? and org_id = ?";
    /** A local table: not distributed, so not checked. */
    public static final String LOCAL = "delete from rate_limit_counter where window_start < ?";
}
