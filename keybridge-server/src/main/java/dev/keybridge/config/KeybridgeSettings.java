package dev.keybridge.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code KEYBRIDGE_*} setting, typed. The environment variable names are mapped in
 * {@code application.properties}; README.md documents each one.
 */
@ConfigurationProperties("keybridge")
public record KeybridgeSettings(
        @DefaultValue("./keybridge-data") Path dataDir,
        @DefaultValue Database database,
        String masterKey,
        String adminToken,
        @DefaultValue Bootstrap bootstrap,
        @DefaultValue("24h") Duration sessionTokenTtl,
        @DefaultValue Limits limits,
        String publicUrl,
        Path catalogFile,
        Path connectorsDir,
        @DefaultValue Link link,
        @DefaultValue Sandbox sandbox,
        @DefaultValue Webhooks webhooks,
        @DefaultValue Proxy proxy,
        @DefaultValue Refresh refresh,
        @DefaultValue Checks checks,
        @DefaultValue("1s") Duration cacheTtl,
        @DefaultValue Idempotency idempotency,
        @DefaultValue Dashboard dashboard,
        @DefaultValue RateLimits rateLimits,
        @DefaultValue Egress egress) {

    /**
     * Rate limits, shared by every node through PostgreSQL: failed authentications per client address
     * and per credential within {@code failedAuthWindow} (then 429 until the window ends), requests per
     * organization per minute (0 = no limit), Link attempts per login (organization, environment,
     * linked account, app) across sessions within {@code linkAttemptWindow}; nodes exchange counts and
     * blocks every {@code syncInterval}. The client address is taken from {@code X-Forwarded-For} only
     * when the peer matches {@code trustedProxies} (a regular expression, Tomcat's RemoteIpValve).
     */
    public record RateLimits(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("20") int failedAuthPerAddress,
            @DefaultValue("10") int failedAuthPerCredential,
            @DefaultValue("15m") Duration failedAuthWindow,
            @DefaultValue("0") int orgRequestsPerMinute,
            @DefaultValue("30") int linkAttemptsPerLogin,
            @DefaultValue("1h") Duration linkAttemptWindow,
            @DefaultValue("1s") Duration syncInterval,
            @DefaultValue("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|0:0:0:0:0:0:0:1") String trustedProxies) {

        public RateLimits {
            try {
                java.util.regex.Pattern.compile(trustedProxies);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("KEYBRIDGE_TRUSTED_PROXIES must be a regular expression of addresses");
            }
            if (failedAuthPerAddress < 1 || failedAuthPerCredential < 1 || linkAttemptsPerLogin < 1
                    || orgRequestsPerMinute < 0) {
                throw new IllegalArgumentException("KEYBRIDGE_RATE_LIMIT_* counts must be 1 or more (org requests: 0 or more)");
            }
            if (failedAuthWindow.toMillis() < 1000 || linkAttemptWindow.toMillis() < 1000 || syncInterval.toMillis() < 10) {
                throw new IllegalArgumentException("KEYBRIDGE_RATE_LIMIT_* windows must be at least 1s");
            }
        }
    }

    /**
     * Every outgoing HTTP call (dev.keybridge.egress): whether calls on behalf of the production
     * environment may reach non-public addresses (loopback, private, link-local, unique-local, CGNAT,
     * IPv4-in-IPv6 forms of those, ...); the test environment may always, as it calls local sandboxes.
     */
    public record Egress(@DefaultValue("false") boolean allowPrivateAddresses) {}

    /**
     * The operator console ({@code /dashboard}): a signed-in operator is signed out after
     * {@code idleTimeout} without a request; after {@code maxSigninFailures} wrong passwords for one
     * e-mail address within {@code signinLockout}, sign-in for it is refused until that window ends;
     * invitation links (and the first owner's setup link) work once, for {@code inviteTtl}. Single
     * sign-on with an OpenID Connect provider is on when {@code oidcIssuer}, {@code oidcClientId} and
     * {@code oidcClientSecret} are all set ({@code oidcName} labels its button).
     */
    public record Dashboard(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("30m") Duration idleTimeout,
            @DefaultValue("5") int maxSigninFailures,
            @DefaultValue("15m") Duration signinLockout,
            @DefaultValue("72h") Duration inviteTtl,
            String oidcIssuer,
            String oidcClientId,
            String oidcClientSecret,
            String oidcName) {

        public Dashboard {
            if (maxSigninFailures < 1) {
                throw new IllegalArgumentException("KEYBRIDGE_DASHBOARD_MAX_SIGNIN_FAILURES must be 1 or more");
            }
            oidcIssuer = oidcIssuer == null || oidcIssuer.isBlank() ? null : oidcIssuer.strip();
            oidcClientId = oidcClientId == null || oidcClientId.isBlank() ? null : oidcClientId.strip();
            oidcClientSecret = oidcClientSecret == null || oidcClientSecret.isEmpty() ? null : oidcClientSecret;
            oidcName = oidcName == null || oidcName.isBlank() ? null : oidcName.strip();
            int set = (oidcIssuer == null ? 0 : 1) + (oidcClientId == null ? 0 : 1) + (oidcClientSecret == null ? 0 : 1);
            if (set != 0 && set != 3) {
                throw new IllegalArgumentException("Set all of KEYBRIDGE_DASHBOARD_OIDC_ISSUER, "
                        + "KEYBRIDGE_DASHBOARD_OIDC_CLIENT_ID and KEYBRIDGE_DASHBOARD_OIDC_CLIENT_SECRET, or none");
            }
            if (oidcIssuer != null && !oidcIssuer.matches("https?://[^\\s]+")) {
                throw new IllegalArgumentException("KEYBRIDGE_DASHBOARD_OIDC_ISSUER must be an http(s) URL");
            }
        }

        /** Whether single sign-on is set up. */
        public boolean oidcEnabled() {
            return oidcIssuer != null;
        }

        @Override
        public String toString() {
            return "Dashboard[enabled=" + enabled + ", idleTimeout=" + idleTimeout + ", maxSigninFailures="
                    + maxSigninFailures + ", signinLockout=" + signinLockout + ", inviteTtl=" + inviteTtl + ", oidcIssuer="
                    + oidcIssuer + ", oidcClientId=" + oidcClientId + ", oidcClientSecret="
                    + (oidcClientSecret == null ? "unset" : "(set)") + ", oidcName=" + oidcName + "]";
        }
    }

    /**
     * Scheduled checks of connections that cannot refresh (key-based, credentials): each is checked by
     * its app's connector every {@code interval}; a scan every {@code pollInterval} leases at most
     * {@code batchSize} due connections for {@code lease}.
     */
    public record Checks(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("24h") Duration interval,
            @DefaultValue("60s") Duration lease,
            @DefaultValue("1m") Duration pollInterval,
            @DefaultValue("50") int batchSize) {}

    /**
     * {@code Idempotency-Key} on the POSTs that create or act: a key and its stored answer live
     * {@code ttl}; a second request with a key whose first request is still running waits up to
     * {@code waitForFirst} for its answer (then 409 {@code idempotency_key_in_progress}); a running request
     * holds its key for {@code lease} (a node that died mid-request frees it after that); expired keys
     * are deleted every {@code sweepInterval}.
     */
    public record Idempotency(
            @DefaultValue("24h") Duration ttl,
            @DefaultValue("10s") Duration waitForFirst,
            @DefaultValue("60s") Duration lease,
            @DefaultValue("5m") Duration sweepInterval) {}

    /**
     * The proxy ({@code /v1/proxy/...}): time to connect to and hear from the upstream, the largest
     * request body it keeps in memory so it can resend it after a token refresh (larger bodies are
     * streamed and not retried), and whether production may reach private addresses.
     */
    public record Proxy(
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("60s") Duration readTimeout,
            @DefaultValue("1048576") int maxReplayBytes,
            @DefaultValue("false") boolean allowPrivateUrls) {}

    /**
     * Background token refresh: refresh {@code margin} before expiry; keep idle grants alive every
     * {@code keepAlive}; a refresh holds a lease of {@code lease} in PostgreSQL; after a failure wait
     * {@code backoffBase * 2^failures} (at most {@code backoffMax}); scan every {@code pollInterval}
     * for at most {@code batchSize} due connections, refreshing up to {@code concurrency} at once.
     */
    public record Refresh(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5m") Duration margin,
            @DefaultValue("7d") Duration keepAlive,
            @DefaultValue("30s") Duration lease,
            @DefaultValue("30s") Duration backoffBase,
            @DefaultValue("1h") Duration backoffMax,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("200") int batchSize,
            @DefaultValue("32") int concurrency) {}

    /**
     * Link: lifetimes of link tokens and public tokens, the time allowed to call a provider, and how
     * many forms one Link session may submit (wrong passwords, codes) before it fails; expired Link
     * sessions and public tokens are deleted {@code expiredRetention} after they expire, checked every
     * {@code cleanupInterval}.
     */
    public record Link(
            @DefaultValue("30m") Duration linkTokenTtl,
            @DefaultValue("10m") Duration publicTokenTtl,
            @DefaultValue("15s") Duration upstreamTimeout,
            @DefaultValue("10") int maxAttempts,
            @DefaultValue("1h") Duration expiredRetention,
            @DefaultValue("5m") Duration cleanupInterval) {}

    /** The built-in sandbox (test environment only): its OAuth2 provider's token lifetimes. */
    public record Sandbox(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1h") Duration accessTokenTtl,
            @DefaultValue("30d") Duration refreshTokenTtl,
            @DefaultValue("5m") Duration codeTtl) {}

    /**
     * The database: an external PostgreSQL ({@code url}) or else the embedded one; connections per
     * node; how long a request waits for a connection before it is answered 503 (and how long the
     * readiness check waits).
     */
    public record Database(String url, String user, String password, @DefaultValue("10") int poolSize,
                           @DefaultValue("2s") Duration connectionTimeout) {
        public boolean isExternal() {
            return url != null && !url.isBlank();
        }
    }

    public record Bootstrap(String testApiKey, String testClientId, String testClientSecret) {
        public boolean isPresetComplete() {
            return notBlank(testApiKey) && notBlank(testClientId) && notBlank(testClientSecret);
        }

        public boolean isPresetPartial() {
            return !isPresetComplete() && (notBlank(testApiKey) || notBlank(testClientId) || notBlank(testClientSecret));
        }

        private static boolean notBlank(String s) {
            return s != null && !s.isBlank();
        }
    }

    /** Input limits; a request over any of them is refused with 400 (413 for the body). */
    public record Limits(
            @DefaultValue("262144") int maxBodyBytes,
            @DefaultValue("255") int maxIdLength,
            @DefaultValue("255") int maxNameLength,
            @DefaultValue("100") int maxUdfKeys,
            @DefaultValue("100") int maxUdfKeyLength,
            @DefaultValue("2048") int maxUdfValueLength,
            @DefaultValue("8192") int maxAuthCredentialsBytes) {}

    /**
     * Webhook delivery. {@code retrySchedule} is the wait before each retry (its size + 1 is the
     * number of attempts); each wait gets +/-20% jitter. The lease must outlive a send
     * ({@code lease >= 2 * timeout} and {@code >= timeout + 5s}) so a delivery is never in flight twice.
     */
    public record Webhooks(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) java.util.List<Duration> retrySchedule,
            @DefaultValue("24h") Duration secretOverlap,
            @DefaultValue("false") boolean allowPrivateUrls,
            @DefaultValue("32") int workers,
            @DefaultValue("16") int maxInFlightPerEndpoint,
            @DefaultValue("250ms") Duration pollInterval,
            @DefaultValue("60s") Duration lease,
            @DefaultValue("262144") int maxPayloadBytes,
            @DefaultValue("2048") int maxUrlLength,
            @DefaultValue("20") int maxEndpoints) {

        public Webhooks {
            if (lease.compareTo(timeout.multipliedBy(2)) < 0 || lease.compareTo(timeout.plusSeconds(5)) < 0) {
                throw new IllegalArgumentException(
                        "KEYBRIDGE_WEBHOOK_LEASE must be at least twice KEYBRIDGE_WEBHOOK_TIMEOUT and 5s longer");
            }
            if (workers < 1 || maxInFlightPerEndpoint < 1) {
                throw new IllegalArgumentException(
                        "KEYBRIDGE_WEBHOOK_WORKERS and KEYBRIDGE_WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT must be 1 or more");
            }
            retrySchedule = java.util.List.copyOf(retrySchedule);
        }

        /** Attempts in all: the first one plus one per entry of the schedule. */
        public int maxAttempts() {
            return retrySchedule.size() + 1;
        }
    }

    public boolean adminApiEnabled() {
        return adminToken != null && !adminToken.isBlank();
    }
}
