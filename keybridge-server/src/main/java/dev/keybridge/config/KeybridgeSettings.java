package dev.keybridge.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code KEYBRIDGE_*} setting, typed, and the one home of each: its environment variable ({@link Env},
 * applied by {@link EnvironmentVariables}) and its default ({@code @DefaultValue}; application.properties
 * repeats none). README.md documents each one, and {@code SettingsDocumentationTest} keeps the two in step.
 */
@ConfigurationProperties("keybridge")
public record KeybridgeSettings(
        @Env("KEYBRIDGE_DATA_DIR") @DefaultValue("./keybridge-data") Path dataDir,
        @DefaultValue Database database,
        @Env("KEYBRIDGE_MASTER_KEY") String masterKey,
        @Env("KEYBRIDGE_ADMIN_TOKEN") String adminToken,
        @DefaultValue Bootstrap bootstrap,
        @Env("KEYBRIDGE_SESSION_TOKEN_TTL") @DefaultValue("24h") Duration sessionTokenTtl,
        @DefaultValue Limits limits,
        @Env("KEYBRIDGE_PUBLIC_URL") String publicUrl,
        @Env("KEYBRIDGE_CATALOG_FILE") Path catalogFile,
        @Env("KEYBRIDGE_CONNECTORS_DIR") Path connectorsDir,
        @DefaultValue Link link,
        @DefaultValue Sandbox sandbox,
        @DefaultValue Webhooks webhooks,
        @DefaultValue Proxy proxy,
        @DefaultValue Refresh refresh,
        @DefaultValue Checks checks,
        @Env("KEYBRIDGE_CACHE_TTL") @DefaultValue("1s") Duration cacheTtl,
        @DefaultValue Idempotency idempotency,
        @DefaultValue Dashboard dashboard,
        @DefaultValue RateLimits rateLimits,
        @DefaultValue Egress egress,
        @DefaultValue MailSettings mail) {

    public KeybridgeSettings { AdminToken.check(adminToken); }   // refuses a guessable admin token at start

    /**
     * Rate limits, shared by every node through PostgreSQL: failed authentications per client address
     * and per credential within {@code failedAuthWindow} (then 429 until the window ends), requests per
     * organization per minute (0 = no limit), Link attempts per login (organization, environment,
     * linked account, app) across sessions within {@code linkAttemptWindow}; nodes exchange counts and
     * blocks every {@code syncInterval}. The client address is taken from {@code X-Forwarded-For} only
     * when the peer matches {@code trustedProxies} (a regular expression; {@code web.TrustedProxies}).
     */
    public record RateLimits(
            @Env("KEYBRIDGE_RATE_LIMIT_ENABLED") @DefaultValue("true") boolean enabled,
            @Env("KEYBRIDGE_RATE_LIMIT_FAILED_AUTH_PER_ADDRESS") @DefaultValue("20") int failedAuthPerAddress,
            @Env("KEYBRIDGE_RATE_LIMIT_FAILED_AUTH_PER_CREDENTIAL") @DefaultValue("10") int failedAuthPerCredential,
            @Env("KEYBRIDGE_RATE_LIMIT_FAILED_AUTH_WINDOW") @DefaultValue("15m") Duration failedAuthWindow,
            @Env("KEYBRIDGE_RATE_LIMIT_ORG_REQUESTS_PER_MINUTE") @DefaultValue("0") int orgRequestsPerMinute,
            @Env("KEYBRIDGE_RATE_LIMIT_LINK_ATTEMPTS") @DefaultValue("30") int linkAttemptsPerLogin,
            @Env("KEYBRIDGE_RATE_LIMIT_LINK_WINDOW") @DefaultValue("1h") Duration linkAttemptWindow,
            @Env("KEYBRIDGE_RATE_LIMIT_SYNC_INTERVAL") @DefaultValue("1s") Duration syncInterval,
            @Env("KEYBRIDGE_TRUSTED_PROXIES")
            @DefaultValue("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|0:0:0:0:0:0:0:1") String trustedProxies) {

        public RateLimits {
            try {
                Pattern.compile(trustedProxies);
            } catch (PatternSyntaxException e) {
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
    public record Egress(
            @Env("KEYBRIDGE_EGRESS_ALLOW_PRIVATE_ADDRESSES") @DefaultValue("false") boolean allowPrivateAddresses) {}

    /**
     * The operator console ({@code /dashboard}): a signed-in operator is signed out after
     * {@code idleTimeout} without a request; after {@code maxSigninFailures} wrong passwords for one
     * e-mail address within {@code signinLockout}, the clients that failed on it are refused it until
     * that window ends, and after {@code maxSigninFailuresPerAddress} failures from one client address
     * (any e-mail addresses) that client is (dashboard.signin.SigninThrottle); invitation links (and
     * the first owner's setup link) work once, for {@code inviteTtl}. Single sign-on with an OpenID Connect provider is on when {@code oidcIssuer}, {@code oidcClientId} and
     * {@code oidcClientSecret} are all set ({@code oidcName} labels its button).
     */
    public record Dashboard(
            @Env("KEYBRIDGE_DASHBOARD_ENABLED") @DefaultValue("true") boolean enabled,
            @Env("KEYBRIDGE_DASHBOARD_IDLE_TIMEOUT") @DefaultValue("30m") Duration idleTimeout,
            @Env("KEYBRIDGE_DASHBOARD_MAX_SIGNIN_FAILURES") @DefaultValue("5") int maxSigninFailures,
            @Env("KEYBRIDGE_DASHBOARD_SIGNIN_LOCKOUT") @DefaultValue("15m") Duration signinLockout,
            @Env("KEYBRIDGE_DASHBOARD_MAX_SIGNIN_FAILURES_PER_ADDRESS") @DefaultValue("20") int maxSigninFailuresPerAddress,
            @Env("KEYBRIDGE_DASHBOARD_INVITE_TTL") @DefaultValue("72h") Duration inviteTtl,
            @Env("KEYBRIDGE_DASHBOARD_OIDC_ISSUER") String oidcIssuer,
            @Env("KEYBRIDGE_DASHBOARD_OIDC_CLIENT_ID") String oidcClientId,
            @Env("KEYBRIDGE_DASHBOARD_OIDC_CLIENT_SECRET") String oidcClientSecret,
            @Env("KEYBRIDGE_DASHBOARD_OIDC_NAME") String oidcName) {

        public Dashboard {
            if (maxSigninFailures < 1 || maxSigninFailuresPerAddress < 1) {
                throw new IllegalArgumentException("KEYBRIDGE_DASHBOARD_MAX_SIGNIN_FAILURES(_PER_ADDRESS) must be 1 or more");
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
                    + maxSigninFailures + ", signinLockout=" + signinLockout + ", maxSigninFailuresPerAddress="
                    + maxSigninFailuresPerAddress + ", inviteTtl=" + inviteTtl + ", oidcIssuer="
                    + oidcIssuer + ", oidcClientId=" + oidcClientId + ", oidcClientSecret="
                    + (oidcClientSecret == null ? "unset" : "(set)") + ", oidcName=" + oidcName + "]";
        }
    }

    /**
     * Checks of connections that cannot refresh: each by its connector every {@code interval}, a scan every {@code
     * pollInterval} leasing up to {@code batchSize} for {@code lease}; expiry warnings {@code expiryLead} ahead.
     */
    public record Checks(
            @Env("KEYBRIDGE_CHECKS_ENABLED") @DefaultValue("true") boolean enabled,
            @Env("KEYBRIDGE_CHECK_INTERVAL") @DefaultValue("24h") Duration interval,
            @Env("KEYBRIDGE_CHECK_LEASE") @DefaultValue("60s") Duration lease,
            @Env("KEYBRIDGE_CHECK_POLL_INTERVAL") @DefaultValue("1m") Duration pollInterval,
            @Env("KEYBRIDGE_CHECK_BATCH_SIZE") @DefaultValue("50") int batchSize,
            @Env("KEYBRIDGE_EXPIRY_WARNING_POLL_INTERVAL") @DefaultValue("5m") Duration expiryPollInterval,
            @Env("KEYBRIDGE_EXPIRY_WARNING_LEAD") @DefaultValue("7d") Duration expiryLead) {}

    /**
     * {@code Idempotency-Key} on the POSTs that create or act: a key and its stored answer live
     * {@code ttl}; a second request with a key whose first request is still running waits up to
     * {@code waitForFirst} for its answer (then 409 {@code idempotency_key_in_progress}); a running request
     * holds its key for {@code lease} (a node that died mid-request frees it after that); expired keys
     * are deleted every {@code sweepInterval}.
     */
    public record Idempotency(
            @Env("KEYBRIDGE_IDEMPOTENCY_TTL") @DefaultValue("24h") Duration ttl,
            @Env("KEYBRIDGE_IDEMPOTENCY_WAIT_FOR_FIRST") @DefaultValue("10s") Duration waitForFirst,
            @Env("KEYBRIDGE_IDEMPOTENCY_LEASE") @DefaultValue("60s") Duration lease,
            @Env("KEYBRIDGE_IDEMPOTENCY_SWEEP_INTERVAL") @DefaultValue("5m") Duration sweepInterval) {}

    /**
     * The proxy ({@code /v1/proxy/...}): time to connect to and hear from the upstream, the largest
     * request body it keeps in memory so it can resend it after a token refresh (larger bodies are
     * streamed and not retried), and whether production may reach private addresses.
     */
    public record Proxy(
            @Env("KEYBRIDGE_PROXY_CONNECT_TIMEOUT") @DefaultValue("5s") Duration connectTimeout,
            @Env("KEYBRIDGE_PROXY_READ_TIMEOUT") @DefaultValue("60s") Duration readTimeout,
            @Env("KEYBRIDGE_PROXY_MAX_REPLAY_BYTES") @DefaultValue("1048576") int maxReplayBytes,
            @Env("KEYBRIDGE_PROXY_ALLOW_PRIVATE_URLS") @DefaultValue("false") boolean allowPrivateUrls) {}

    /**
     * Background token refresh: refresh {@code margin} before expiry; keep idle grants alive every
     * {@code keepAlive}; a refresh holds a lease of {@code lease} in PostgreSQL; after a failure wait
     * {@code backoffBase * 2^failures} (at most {@code backoffMax}); scan every {@code pollInterval}
     * for at most {@code batchSize} due connections, refreshing up to {@code concurrency} at once.
     */
    public record Refresh(
            @Env("KEYBRIDGE_REFRESH_ENABLED") @DefaultValue("true") boolean enabled,
            @Env("KEYBRIDGE_REFRESH_MARGIN") @DefaultValue("5m") Duration margin,
            @Env("KEYBRIDGE_REFRESH_KEEP_ALIVE") @DefaultValue("7d") Duration keepAlive,
            @Env("KEYBRIDGE_REFRESH_LEASE") @DefaultValue("30s") Duration lease,
            @Env("KEYBRIDGE_REFRESH_BACKOFF_BASE") @DefaultValue("30s") Duration backoffBase,
            @Env("KEYBRIDGE_REFRESH_BACKOFF_MAX") @DefaultValue("1h") Duration backoffMax,
            @Env("KEYBRIDGE_REFRESH_POLL_INTERVAL") @DefaultValue("1s") Duration pollInterval,
            @Env("KEYBRIDGE_REFRESH_BATCH_SIZE") @DefaultValue("200") int batchSize,
            @Env("KEYBRIDGE_REFRESH_CONCURRENCY") @DefaultValue("32") int concurrency) {}

    /**
     * Link: lifetimes of link tokens and public tokens, the time allowed to call a provider, and how
     * many forms one Link session may submit (wrong passwords, codes) before it fails; expired Link
     * sessions and public tokens are deleted {@code expiredRetention} after they expire, checked every
     * {@code cleanupInterval}.
     */
    public record Link(
            @Env("KEYBRIDGE_LINK_TOKEN_TTL") @DefaultValue("30m") Duration linkTokenTtl,
            @Env("KEYBRIDGE_PUBLIC_TOKEN_TTL") @DefaultValue("10m") Duration publicTokenTtl,
            @Env("KEYBRIDGE_UPSTREAM_TIMEOUT") @DefaultValue("15s") Duration upstreamTimeout,
            @Env("KEYBRIDGE_LINK_MAX_ATTEMPTS") @DefaultValue("10") int maxAttempts,
            @Env("KEYBRIDGE_LINK_EXPIRED_RETENTION") @DefaultValue("1h") Duration expiredRetention,
            @Env("KEYBRIDGE_LINK_CLEANUP_INTERVAL") @DefaultValue("5m") Duration cleanupInterval) {}

    /** The built-in sandbox (test environment only): its OAuth2 provider's token lifetimes. */
    public record Sandbox(
            @Env("KEYBRIDGE_SANDBOX_ENABLED") @DefaultValue("true") boolean enabled,
            @Env("KEYBRIDGE_SANDBOX_ACCESS_TOKEN_TTL") @DefaultValue("1h") Duration accessTokenTtl,
            @Env("KEYBRIDGE_SANDBOX_REFRESH_TOKEN_TTL") @DefaultValue("30d") Duration refreshTokenTtl,
            @Env("KEYBRIDGE_SANDBOX_CODE_TTL") @DefaultValue("5m") Duration codeTtl) {}

    /**
     * The database: an external PostgreSQL ({@code url}) or else the embedded one; connections per
     * node; how long work waits its turn while every connection is busy (then 503 overloaded); how long
     * a free connection may take to come (then 503 database_unavailable; also the readiness check's wait).
     */
    public record Database(
            @Env("KEYBRIDGE_DATABASE_URL") String url,
            @Env("KEYBRIDGE_DATABASE_USER") String user,
            @Env("KEYBRIDGE_DATABASE_PASSWORD") String password,
            @Env("KEYBRIDGE_DATABASE_POOL_SIZE") @DefaultValue("10") int poolSize,
            @Env("KEYBRIDGE_DATABASE_QUEUE_WAIT") @DefaultValue("5s") Duration queueWait,
            @Env("KEYBRIDGE_DATABASE_CONNECTION_TIMEOUT") @DefaultValue("2s") Duration connectionTimeout) {
        public boolean isExternal() {
            return url != null && !url.isBlank();
        }
    }

    public record Bootstrap(
            @Env("KEYBRIDGE_ORGANIZATION_NAME") String organizationName,
            @Env("KEYBRIDGE_BOOTSTRAP_TEST_API_KEY") String testApiKey,
            @Env("KEYBRIDGE_BOOTSTRAP_TEST_CLIENT_ID") String testClientId,
            @Env("KEYBRIDGE_BOOTSTRAP_TEST_CLIENT_SECRET") String testClientSecret) {
        public boolean isPresetComplete() {
            return notBlank(testApiKey) && notBlank(testClientId) && notBlank(testClientSecret);
        }

        public boolean isPresetPartial() {
            return !isPresetComplete() && (notBlank(testApiKey) || notBlank(testClientId) || notBlank(testClientSecret));
        }

        private static boolean notBlank(String s) { return s != null && !s.isBlank(); }
    }

    /** Input limits; a request over any of them is refused with 400 (413 for the body). */
    public record Limits(
            @Env("KEYBRIDGE_MAX_BODY_BYTES") @DefaultValue("262144") int maxBodyBytes,
            @Env("KEYBRIDGE_MAX_ID_LENGTH") @DefaultValue("255") int maxIdLength,
            @Env("KEYBRIDGE_MAX_NAME_LENGTH") @DefaultValue("255") int maxNameLength,
            @Env("KEYBRIDGE_MAX_UDF_KEYS") @DefaultValue("100") int maxUdfKeys,
            @Env("KEYBRIDGE_MAX_UDF_KEY_LENGTH") @DefaultValue("100") int maxUdfKeyLength,
            @Env("KEYBRIDGE_MAX_UDF_VALUE_LENGTH") @DefaultValue("2048") int maxUdfValueLength,
            @Env("KEYBRIDGE_MAX_AUTH_CREDENTIALS_BYTES") @DefaultValue("8192") int maxAuthCredentialsBytes) {}

    /**
     * Webhook delivery. {@code retrySchedule}: the wait before each retry (+/-20% jitter; its size + 1 attempts). The
     * lease must outlive a send ({@code >= 2 * timeout} and {@code >= timeout + 5s}): never in flight twice.
     */
    public record Webhooks(
            @Env("KEYBRIDGE_WEBHOOK_WORKERS_ENABLED") @DefaultValue("true") boolean enabled,
            @Env("KEYBRIDGE_WEBHOOK_TIMEOUT") @DefaultValue("10s") Duration timeout,
            @Env("KEYBRIDGE_WEBHOOK_RETRY_SCHEDULE") @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"})
            List<Duration> retrySchedule,
            @Env("KEYBRIDGE_WEBHOOK_SECRET_OVERLAP") @DefaultValue("24h") Duration secretOverlap,
            @Env("KEYBRIDGE_WEBHOOK_ALLOW_PRIVATE_URLS") @DefaultValue("false") boolean allowPrivateUrls,
            @Env("KEYBRIDGE_WEBHOOK_WORKERS") @DefaultValue("32") int workers,
            @Env("KEYBRIDGE_WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT") @DefaultValue("16") int maxInFlightPerEndpoint,
            @Env("KEYBRIDGE_WEBHOOK_POLL_INTERVAL") @DefaultValue("250ms") Duration pollInterval,
            @Env("KEYBRIDGE_WEBHOOK_LEASE") @DefaultValue("60s") Duration lease,
            @Env("KEYBRIDGE_WEBHOOK_MAX_PAYLOAD_BYTES") @DefaultValue("262144") int maxPayloadBytes,
            @Env("KEYBRIDGE_WEBHOOK_MAX_URL_LENGTH") @DefaultValue("2048") int maxUrlLength,
            @Env("KEYBRIDGE_WEBHOOK_MAX_ENDPOINTS") @DefaultValue("20") int maxEndpoints) {

        public Webhooks {
            if (lease.compareTo(timeout.multipliedBy(2)) < 0 || lease.compareTo(timeout.plusSeconds(5)) < 0) {
                throw new IllegalArgumentException(
                        "KEYBRIDGE_WEBHOOK_LEASE must be at least twice KEYBRIDGE_WEBHOOK_TIMEOUT and 5s longer");
            }
            if (workers < 1 || maxInFlightPerEndpoint < 1) {
                throw new IllegalArgumentException(
                        "KEYBRIDGE_WEBHOOK_WORKERS and KEYBRIDGE_WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT must be 1 or more");
            }
            retrySchedule = List.copyOf(retrySchedule);
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
