package dev.keybridge.tenancy;

import java.util.Set;


/**
 * Who is calling, resolved once per request by the auth filter: an organization and one of
 * its environments, how it proved it, and (for a session token) the linked account it is scoped to.
 */
public record Caller(String orgId, Environment environment, Via via, String credentialId, String linkedAccountId,
                     Set<String> appScope) {

    public enum Via {
        API_KEY, CLIENT_CREDENTIALS, SESSION_TOKEN, ADMIN,
        /** A signed-in dashboard operator (never through the API's credential filter). */
        OPERATOR
    }

    public static Caller server(String orgId, Environment env, Via via, String credentialId) {
        return new Caller(orgId, env, via, credentialId, null, null);
    }

    public static Caller session(String orgId, Environment env, String linkedAccountId) {
        return session(orgId, env, linkedAccountId, null, null);
    }

    /** A session token's caller; {@code appScope} null means every app, else only those slugs. */
    public static Caller session(String orgId, Environment env, String linkedAccountId, String tokenId,
                                 Set<String> appScope) {
        return new Caller(orgId, env, Via.SESSION_TOKEN, tokenId, linkedAccountId,
                appScope == null ? null : Set.copyOf(appScope));
    }

    /** Whether this caller may touch the app: server callers always; a scoped session token only its apps. */
    public boolean allowsApp(String slug) {
        return appScope == null || appScope.contains(slug);
    }

    /** A dashboard operator acting in one environment of its organization. */
    public static Caller operator(String orgId, Environment env, String operatorId) {
        return new Caller(orgId, env, Via.OPERATOR, operatorId, null, null);
    }

    public static final Caller ADMIN = new Caller(null, null, Via.ADMIN, null, null, null);
}
