package dev.keybridge.idempotency;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first answer to a keyed request, as replayed: status, the headers worth replaying
 * ({@link #KEPT_HEADERS}) and the body. The body is plaintext only in memory; at rest it is sealed.
 */
record StoredAnswer(int status, Map<String, String> headers, byte[] body) {

    /** Headers that belong to the answer (not to the transport or to this particular request). */
    static final String[] KEPT_HEADERS = {"Content-Type", "Location", "x-keybridge-result", "x-keybridge-error"};

    StoredAnswer {
        headers = Map.copyOf(new LinkedHashMap<>(headers));
    }
}
