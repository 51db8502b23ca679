package dev.keybridge.tenancy;


/**
 * Who is calling, resolved once per request by the auth filter: an organization and one of
 * its environments, how it proved it, and (for a session token) the linked account it is scoped to.
 */
public record Caller(String orgId, Environment environment, Via via, String credentialId, String linkedAccountId) {

    public enum Via {
        API_KEY, CLIENT_CREDENTIALS, SESSION_TOKEN, ADMIN,
        /** A signed-in dashboard operator (never through the API's credential filter). */
        OPERATOR
    }

    public static Caller server(String orgId, Environment env, Via via, String credentialId) {
        return new Caller(orgId, env, via, credentialId, null);
    }

    public static Caller session(String orgId, Environment env, String linkedAccountId) {
        return new Caller(orgId, env, Via.SESSION_TOKEN, null, linkedAccountId);
    }

    /** A dashboard operator acting in one environment of its organization. */
    public static Caller operator(String orgId, Environment env, String operatorId) {
        return new Caller(orgId, env, Via.OPERATOR, operatorId, null);
    }

    public static final Caller ADMIN = new Caller(null, null, Via.ADMIN, null, null);
}
