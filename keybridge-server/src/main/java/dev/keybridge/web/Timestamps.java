package dev.keybridge.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/** ISO-8601 UTC with milliseconds, as the wire formats use: {@code 2023-08-11T06:35:07.574Z}. */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static @Nullable String format(@Nullable Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    public static @Nullable Instant parse(@Nullable String text) {
        return text == null ? null : Instant.parse(text);
    }
}
