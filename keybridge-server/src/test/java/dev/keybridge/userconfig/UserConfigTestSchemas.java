package dev.keybridge.userconfig;

import java.util.List;
import java.util.Map;

/** Config schemas other tests reuse. */
public final class UserConfigTestSchemas {

    private UserConfigTestSchemas() {}

    /** One required number field {@code limit}. */
    public static Map<String, Object> simple() {
        return Map.of("fields", List.of(Map.of("id", "limit", "name", "Daily limit", "type", "number", "required", true)));
    }
}
