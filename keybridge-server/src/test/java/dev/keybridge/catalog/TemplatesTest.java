package dev.keybridge.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** URL placeholders are filled only with plain values, so a field cannot move a request to another host. */
class TemplatesTest {

    @Test
    void doesFillAUrlWithPlainFieldValues() {
        assertThat(Templates.fillUrl("https://{shop}.example.com/oauth/authorize", Map.of("shop", "acme-store")))
                .isEqualTo("https://acme-store.example.com/oauth/authorize");
        assertThat(Templates.fillUrl("https://example.com/token", Map.of())).isEqualTo("https://example.com/token");
    }

    @Test
    void doesRefuseAUrlWhenAFieldIsMissingOrNotPlain() {
        assertThat(Templates.fillUrl("https://{shop}.example.com/a", Map.of())).isNull();
        assertThat(Templates.fillUrl("https://{shop}.example.com/a", Map.of("shop", "evil.com/x?"))).isNull();
        assertThat(Templates.fillUrl("https://{shop}.example.com/a", Map.of("shop", "a@evil.com"))).isNull();
    }
}
