package dev.keybridge.sdk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.keybridge.sdk.net.Credentials;
import dev.keybridge.sdk.net.HttpTransport;
import dev.keybridge.sdk.net.JdkHttpTransport;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.RetryPolicy;
import dev.keybridge.sdk.resource.Applications;
import dev.keybridge.sdk.resource.ConfigSchemas;
import dev.keybridge.sdk.resource.Configurations;
import dev.keybridge.sdk.resource.Connections;
import dev.keybridge.sdk.resource.CredentialImports;
import dev.keybridge.sdk.resource.Frontend;
import dev.keybridge.sdk.resource.LinkTokens;
import dev.keybridge.sdk.resource.LinkedAccounts;
import dev.keybridge.sdk.resource.Proxy;
import dev.keybridge.sdk.resource.Repair;
import dev.keybridge.sdk.resource.Sandbox;
import dev.keybridge.sdk.resource.SessionTokens;
import dev.keybridge.sdk.resource.WebhookEndpoints;
import dev.keybridge.sdk.resource.WebhookSubscriptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The Keybridge client: one per credential, thread-safe, meant to be shared.
 *
 * <pre>{@code
 * Keybridge keybridge = Keybridge.builder()
 *         .apiKey(System.getenv("KEYBRIDGE_API_KEY"))
 *         .baseUrl("https://keybridge.example.com")
 *         .build();
 * LinkedAccount account = keybridge.linkedAccounts()
 *         .upsert(LinkedAccountParams.builder("account:12345").name("Mark Wood").build()).account();
 * }</pre>
 *
 * Every resource hangs off it: {@link #linkedAccounts()}, {@link #sessionTokens()},
 * {@link #linkTokens()}, {@link #connections()}, {@link #proxy()}, {@link #applications()},
 * {@link #configSchemas()}, {@link #configurations()}, {@link #credentialImports()}, {@link #frontend()},
 * {@link #webhookEndpoints()}, {@link #webhookSubscriptions()}, {@link #sandbox()}. Webhook signatures are checked with {@link Webhooks}.
 *
 * <p>Every call returns an immutable model; what Keybridge answered besides (the request id above all) reaches a
 * listener as a {@link KeybridgeResponse}: for every call with {@link Builder#onResponse}, for one call with
 * {@link RequestOptions.Builder#onResponse} (each resource method has an overload taking {@link RequestOptions}).
 * Errors are thrown as subclasses of {@link dev.keybridge.sdk.exception.KeybridgeException}, which carry theirs.
 */
public final class Keybridge {

    private final Requester requester;
    private final LinkedAccounts linkedAccounts;
    private final SessionTokens sessionTokens;
    private final LinkTokens linkTokens;
    private final Connections connections;
    private final Repair repair;
    private final Proxy proxy;
    private final Applications applications;
    private final ConfigSchemas configSchemas;
    private final Configurations configurations;
    private final CredentialImports credentialImports;
    private final WebhookEndpoints webhookEndpoints;
    private final WebhookSubscriptions webhookSubscriptions;
    private final Frontend frontend;
    private final Sandbox sandbox;
    private final String description;

    private Keybridge(Builder b) {
        if (b.credentials == null) {
            throw new IllegalStateException("set apiKey(..) or clientCredentials(.., ..)");
        }
        if (b.baseUrl == null) {
            throw new IllegalStateException("set baseUrl(..)");
        }
        HttpTransport transport = b.transport != null ? b.transport
                : b.httpClient != null ? new JdkHttpTransport(b.httpClient)
                : JdkHttpTransport.withConnectTimeout(b.connectTimeout);
        RetryPolicy retries = b.retryPolicy != null ? b.retryPolicy : RetryPolicy.defaults().withMaxRetries(b.maxRetries);
        this.requester = new Requester(b.baseUrl, b.credentials, transport, b.timeout, retries, mapper(), b.onResponse);
        this.linkedAccounts = new LinkedAccounts(requester);
        this.sessionTokens = new SessionTokens(requester);
        this.linkTokens = new LinkTokens(requester);
        this.connections = new Connections(requester);
        this.repair = new Repair(requester);
        this.proxy = new Proxy(requester);
        this.applications = new Applications(requester);
        this.configSchemas = new ConfigSchemas(requester);
        this.configurations = new Configurations(requester);
        this.credentialImports = new CredentialImports(requester);
        this.webhookEndpoints = new WebhookEndpoints(requester);
        this.webhookSubscriptions = new WebhookSubscriptions(requester);
        this.frontend = new Frontend(requester);
        this.sandbox = new Sandbox(requester);
        this.description = "Keybridge[" + b.baseUrl + ", " + b.credentials + ", " + retries + "]";
    }

    /** A builder; {@code apiKey} (or client credentials) and {@code baseUrl} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The JSON mapper the SDK uses (ISO-8601 instants, unknown fields ignored). */
    public static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
    }

    /** Linked accounts: upsert, create, retrieve, list, delete, their connections. */
    public LinkedAccounts linkedAccounts() {
        return linkedAccounts;
    }

    /** Session tokens for your front end: create (optionally limited to some apps), revoke one, revoke all. */
    public SessionTokens sessionTokens() {
        return sessionTokens;
    }

    /** Link tokens (also for update mode, in a language), the public-token exchange, Link's settings and branding. */
    public LinkTokens linkTokens() {
        return linkTokens;
    }

    /** A connection's status and disconnect, by access token. */
    public Connections connections() {
        return connections;
    }

    /** The repair inbox (connections that need their end user) and reconnect links. */
    public Repair repair() {
        return repair;
    }

    /** Calls to an app's API through Keybridge. */
    public Proxy proxy() {
        return proxy;
    }

    /** The apps enabled in your environment, their settings, and the whole catalogue. */
    public Applications applications() {
        return applications;
    }

    /** Config schemas: what your end users' configurations hold, per app. */
    public ConfigSchemas configSchemas() {
        return configSchemas;
    }

    /** Your end users' configurations (per linked account, app and config id). */
    public Configurations configurations() {
        return configurations;
    }

    /** Credential import: bring grants your end users gave elsewhere into connections. */
    public CredentialImports credentialImports() {
        return credentialImports;
    }

    /** Webhook endpoints, deliveries, redelivery and replay. */
    public WebhookEndpoints webhookEndpoints() {
        return webhookEndpoints;
    }

    /** The original system's one-endpoint webhook calls: subscribe, unsubscribe, delete by URL. */
    public WebhookSubscriptions webhookSubscriptions() {
        return webhookSubscriptions;
    }

    /** The front-end settings: which web pages may call Keybridge with a session token. */
    public Frontend frontend() {
        return frontend;
    }

    /** Sandbox controls (test environment). */
    public Sandbox sandbox() {
        return sandbox;
    }

    /** The requester all resources share: for your own {@link dev.keybridge.sdk.resource.ApiResource}s. */
    public Requester requester() {
        return requester;
    }

    @Override
    public String toString() {
        return description;
    }

    /** Builds a {@link Keybridge}. */
    public static final class Builder {
        private @Nullable Credentials credentials;
        private @Nullable URI baseUrl;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration timeout = Duration.ofSeconds(80);
        private int maxRetries = RetryPolicy.defaults().maxRetries();
        private @Nullable RetryPolicy retryPolicy;
        private @Nullable HttpClient httpClient;
        private @Nullable HttpTransport transport;
        private @Nullable Consumer<KeybridgeResponse> onResponse;

        private Builder() {}

        /** Authenticate with an API key ({@code x-api-key}). */
        public Builder apiKey(String apiKey) {
            this.credentials = Credentials.apiKey(apiKey);
            return this;
        }

        /** Authenticate with a client id and secret ({@code client_id} + {@code client_secret}). */
        public Builder clientCredentials(String clientId, String clientSecret) {
            this.credentials = Credentials.client(clientId, clientSecret);
            return this;
        }

        /** Where Keybridge listens, e.g. {@code https://keybridge.example.com}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = URI.create(baseUrl);
            return this;
        }

        /** Time to open a connection (default 10 s; ignored with your own client or transport). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Time for one attempt of a call, answer included (default 80 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Retries after the first attempt (default 2; 0 turns retries off). */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** Full control of retries: count, backoff and how long a {@code Retry-After} may ask to wait. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** Use your own JDK {@link HttpClient} (proxy, SSL context, executor). */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** Use another HTTP stack altogether. */
        public Builder transport(HttpTransport transport) {
            this.transport = transport;
            return this;
        }

        /**
         * Receives every successful answer of this client (before the call's own listener), on the calling thread:
         * e.g. to log each call's request id. An exception it throws reaches the caller.
         */
        public Builder onResponse(Consumer<KeybridgeResponse> listener) {
            this.onResponse = listener;
            return this;
        }

        /** The client. */
        public Keybridge build() {
            return new Keybridge(this);
        }

        @Override
        public String toString() {
            return "Keybridge.Builder[" + baseUrl + ", " + credentials + "]";
        }
    }
}
