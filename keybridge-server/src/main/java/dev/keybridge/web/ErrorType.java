package dev.keybridge.web;

/** The machine-readable family of an error ({@code error_type} on the wire). */
public enum ErrorType {
    INVALID_REQUEST,
    AUTHENTICATION,
    NOT_FOUND,
    CONFLICT,
    RATE_LIMITED,
    CONNECTION,
    INTERNAL;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
