package dev.keybridge.web;

import org.jspecify.annotations.Nullable;

/**
 * A field of a request that tells "absent" (keep what is stored) from a value, JSON {@code null}
 * included (clear it): {@code sent} is false when the field was not in the body.
 */
public record Patch<T>(boolean sent, @Nullable T value) {

    private static final Patch<?> ABSENT = new Patch<>(false, null);

    @SuppressWarnings("unchecked")
    public static <T> Patch<T> absent() {
        return (Patch<T>) ABSENT;
    }

    public static <T> Patch<T> of(@Nullable T value) {
        return new Patch<>(true, value);
    }

    /** Absent when {@code sent} is false, else {@code value} (which may be null). */
    public static <T> Patch<T> of(boolean sent, @Nullable T value) {
        return sent ? of(value) : absent();
    }
}
