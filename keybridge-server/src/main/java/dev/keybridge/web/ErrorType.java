package dev.keybridge.web;

import java.util.Locale;

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
        return name().toLowerCase(Locale.ROOT);
    }
}
