package dev.keybridge.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an app is for: the catalogue's fixed list, used by Link's picker and the dashboard's filters. */
public enum Category {
    CRM, MARKETING, SUPPORT, COMMUNICATION, SCHEDULING, FILE_STORAGE, PROJECT_MANAGEMENT, DEVELOPER_TOOLS, ACCOUNTING,
    PAYMENTS, ECOMMERCE, HR, E_SIGNATURE, ANALYTICS, AI, HEALTH, PRODUCTIVITY, CONTENT, SANDBOX;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The category named on the wire; an unknown name fails the catalogue's load. */
    @JsonCreator
    public static Category of(String wire) {
        return find(wire).orElseThrow(() -> new IllegalArgumentException("unknown category '" + wire + "'"));
    }

    /** The category named on the wire, if there is one of that name (null: none). */
    public static Optional<Category> find(String wire) {
        return Arrays.stream(values()).filter(c -> c.wire().equals(wire)).findFirst();
    }
}
