package dev.keybridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP/1.1 status line carries the standard reason phrase (issue 22: the 8.x browser SDK builds its
 * error messages from {@code statusText}): an answer of a controller, an error in the shape from Spring, and
 * a refusal of the container itself. Tomcat 11 wrote none ({@code HTTP/1.1 404 }).
 */
class ReasonPhraseTest extends IntegrationTest {

    private static final String ACCOUNTS = "/api/v2/public/linked-account";

    private String key;

    @BeforeEach
    void organization() {
        key = "x-api-key: " + newOrganization().test().apiKey();
    }

    private static String statusLine(RawHttp.Answer a) {
        return a.headers().split("\r\n", 2)[0];
    }

    @Test
    void doesSendTheStandardReasonPhraseWhenAnsweringOkAnErrorOrAContainerRefusal() {
        RawHttp.Answer ok = RawHttp.send(port, "GET", ACCOUNTS, null, key);
        assertThat(statusLine(ok)).isEqualTo("HTTP/1.1 200 OK");

        RawHttp.Answer missing = RawHttp.send(port, "GET", "/api/v2/public/no-such-endpoint", null, key);
        ErrorShape.check(missing, 404, "not_found");
        assertThat(statusLine(missing)).isEqualTo("HTTP/1.1 404 Not Found");

        RawHttp.Answer unauthenticated = RawHttp.send(port, "GET", ACCOUNTS, null);
        assertThat(statusLine(unauthenticated)).isEqualTo("HTTP/1.1 401 Unauthorized");

        RawHttp.Answer slash = RawHttp.send(port, "GET", ACCOUNTS + "/a%2Fb", null, key);
        ErrorShape.check(slash, 400, "invalid_request");
        assertThat(statusLine(slash)).isEqualTo("HTTP/1.1 400 Bad Request");

        RawHttp.Answer line = RawHttp.exchange(port, "GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        ErrorShape.check(line, 400, "invalid_request");
        assertThat(statusLine(line)).isEqualTo("HTTP/1.1 400 Bad Request");

        RawHttp.Answer coded = RawHttp.send(port, "PUT", ACCOUNTS, "{}", key, "Content-Type: application/json",
                "Transfer-Encoding: gzip");
        ErrorShape.check(coded, 501, "unsupported_transfer_encoding");
        assertThat(statusLine(coded)).isEqualTo("HTTP/1.1 501 Not Implemented");
    }
}
