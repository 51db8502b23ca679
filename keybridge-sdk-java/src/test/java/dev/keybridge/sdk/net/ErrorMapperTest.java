package dev.keybridge.sdk.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.sdk.Keybridge;
import dev.keybridge.sdk.exception.ConflictException;
import dev.keybridge.sdk.exception.IdempotencyException;
import dev.keybridge.sdk.exception.IdempotencyKeyInProgressException;
import dev.keybridge.sdk.exception.IdempotencyKeyReusedException;
import dev.keybridge.sdk.exception.KeybridgeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exception each error answer becomes (the real answers: RetriesIT, IdempotencyIT). */
class ErrorMapperTest {

    private final ErrorMapper errors = new ErrorMapper(Keybridge.mapper());

    private static TransportResponse answer(int status, String error, String type) {
        String body = "{\"success\":false,\"error\":\"" + error + "\",\"message\":\"m\",\"error_type\":\"" + type
                + "\",\"request_id\":\"req_1\"}";
        return new TransportResponse(status, Map.of("x-keybridge-error", List.of(error)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void doesTellAReusedKeyFromOneStillInProgressWhenBothAreIdempotencyErrors() {
        KeybridgeException reused = errors.toException(answer(422, "idempotency_key_reused", "invalid_request"));
        KeybridgeException running = errors.toException(answer(409, "idempotency_key_in_progress", "conflict"));

        assertThat(reused).isInstanceOf(IdempotencyKeyReusedException.class).isInstanceOf(IdempotencyException.class);
        assertThat(running).isInstanceOf(IdempotencyKeyInProgressException.class).isInstanceOf(IdempotencyException.class)
                .isNotInstanceOf(ConflictException.class);
        assertThat(reused.httpStatus()).isEqualTo(422);
        assertThat(running.requestId()).isEqualTo("req_1");
    }

    @Test
    void doesKeepTheBaseIdempotencyExceptionWhenTheCodeIsNewerThanTheSdk() {
        KeybridgeException newer = errors.toException(answer(422, "idempotency_key_something_new", "invalid_request"));

        assertThat(newer.getClass()).isEqualTo(IdempotencyException.class);
        assertThat(errors.toException(answer(409, "linked_account_exists", "conflict")))
                .isExactlyInstanceOf(ConflictException.class);
    }
}
