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
        @DefaultValue Sandbox sandbox) {

    /**
     * Link: lifetimes of link tokens and public tokens, the time allowed to call a provider, and how
     * many forms one Link session may submit (wrong passwords, codes) before it fails.
     */
    public record Link(
            @DefaultValue("30m") Duration linkTokenTtl,
            @DefaultValue("10m") Duration publicTokenTtl,
            @DefaultValue("15s") Duration upstreamTimeout,
            @DefaultValue("10") int maxAttempts) {}

    /** The built-in sandbox (test environment only): its OAuth2 provider's token lifetimes. */
    public record Sandbox(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1h") Duration accessTokenTtl,
            @DefaultValue("30d") Duration refreshTokenTtl,
            @DefaultValue("5m") Duration codeTtl) {}

    public record Database(String url, String user, String password, @DefaultValue("10") int poolSize) {
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

    public boolean adminApiEnabled() {
        return adminToken != null && !adminToken.isBlank();
    }
}
