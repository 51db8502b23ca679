package dev.keybridge.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * E-mail through any SMTP server, for the repair inbox's reconnect links: none is sent unless {@code host} is set.
 * {@code tls}: {@code starttls} (upgrade on {@code port}, refused if the server cannot), {@code tls} (implicit TLS,
 * port 465) or {@code none} (loopback relays and tests only). {@code username}/{@code password} when the server
 * wants them; {@code from}, the sender ({@code Acme <no-reply@acme.example>}).
 */
public record MailSettings(
        @Env("KEYBRIDGE_SMTP_HOST") String host,
        @Env("KEYBRIDGE_SMTP_PORT") @DefaultValue("587") int port,
        @Env("KEYBRIDGE_SMTP_TLS") @DefaultValue("starttls") String tls,
        @Env("KEYBRIDGE_SMTP_USERNAME") String username,
        @Env("KEYBRIDGE_SMTP_PASSWORD") String password,
        @Env("KEYBRIDGE_SMTP_FROM") String from,
        @Env("KEYBRIDGE_SMTP_TIMEOUT") @DefaultValue("10s") java.time.Duration timeout) {

    public MailSettings {
        if (!tls.equals("starttls") && !tls.equals("tls") && !tls.equals("none")) {
            throw new IllegalArgumentException("KEYBRIDGE_SMTP_TLS must be starttls, tls or none");
        }
        if (host != null && !host.isBlank() && (from == null || from.isBlank())) {
            throw new IllegalArgumentException("KEYBRIDGE_SMTP_FROM is required when KEYBRIDGE_SMTP_HOST is set");
        }
    }

    /** Whether e-mail can be sent at all. */
    public boolean enabled() {
        return host != null && !host.isBlank();
    }

    @Override
    public String toString() {
        return "MailSettings[host=" + host + ", port=" + port + ", tls=" + tls + ", username=" + username
                + ", password=" + (password == null ? "null" : "<secret>") + ", from=" + from + "]";
    }
}
