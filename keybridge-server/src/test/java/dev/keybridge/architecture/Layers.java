package dev.keybridge.architecture;

import java.util.List;

/**
 * The layers of DEVELOPERS.md ("The layers"), top to bottom; a layer uses only the layers below it
 * and itself. Each top-level package of {@code dev.keybridge} is in exactly one of them (with its
 * sub-packages); the application class in the root package is above them all.
 */
final class Layers {

    /** Where callers come in: API filters, the browser SDK's door, the dashboard, the sandbox, metrics. */
    static final List<String> EDGE = List.of("auth", "dashboard", "frontdoor", "idempotency", "metrics", "sandbox");
    /** Processes that run across the domain: backup and restore, Link, the proxy, token refresh, webhook delivery. */
    static final List<String> FLOWS = List.of("backup", "link", "proxy", "refresh", "repair", "webhook");
    /** What Keybridge keeps and decides. */
    static final List<String> DOMAIN = List.of("account", "audit", "catalog", "connection", "connector", "events", "ratelimit",
            "session", "tenancy", "userconfig", "vault");
    /** What any layer may use: settings, the database, the error model, the one door out. */
    static final List<String> INFRASTRUCTURE = List.of("background", "cache", "config", "database", "egress",
            "logging", "web");

    private Layers() {}
}
