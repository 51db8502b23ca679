package dev.keybridge.connector;

import dev.keybridge.catalog.AppDefinition;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * When a key expires, as the provider states it in its verification answer (issue 20, item 1): a header
 * (GitHub's {@code github-authentication-token-expiration}) or a field of the JSON body (GitLab's
 * {@code /personal_access_tokens/self} {@code expires_at}), as the catalogue's {@code verification.expires_at} names.
 */
final class KeyExpiry {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** "2026-12-12 17:00:00 UTC", "2026-12-12 17:00:00 -0800". */
    private static final List<DateTimeFormatter> SPACED = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z"));

    private KeyExpiry() {}

    /** The key's horizon, or null when the catalogue names no source or the answer holds no readable time. */
    static Expiry read(AppDefinition.Verification verification, HttpHeaders headers, String body) {
        AppDefinition.ExpiresAt where = verification.expiresAt();
        if (where == null) {
            return null;
        }
        String value = null;
        if (where.header() != null) {
            value = headers.firstValue(where.header()).orElse(null);
        } else if (where.json() != null && body != null && !body.isBlank()) {
            try {
                JsonNode n = JSON.readTree(body).at(where.json());
                value = n.isValueNode() && !n.isNull() ? n.asString() : null;
            } catch (RuntimeException e) {
                value = null;
            }
        }
        Instant at = parse(value);
        return at == null ? null : new Expiry(at, Expiry.KEY);
    }

    /** An ISO-8601 instant or offset time, a date (the start of that day, UTC), epoch seconds, or the spaced forms. */
    static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.matches("\\d{9,11}")) {
            return Instant.ofEpochSecond(Long.parseLong(v));
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        for (DateTimeFormatter f : SPACED) {
            try {
                return OffsetDateTime.parse(v, f).toInstant();
            } catch (DateTimeParseException ignored) {
                // next form
            }
        }
        return null;
    }
}
