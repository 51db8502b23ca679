package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.sdk.exception.SignatureVerificationException;
import dev.keybridge.sdk.model.LinkBranding;
import dev.keybridge.sdk.model.SessionToken;
import dev.keybridge.sdk.param.LinkBrandingParams;
import dev.keybridge.sdk.param.LinkTokenParams;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** {@link Webhooks} with a fixed clock and signatures made here (real deliveries: WebhookEndpointsIT). */
class WebhooksTest {

    private static final String OLD = "whsec_" + Base64.getEncoder().encodeToString("old-secret-key-0123456789".getBytes());
    private static final String NEW = "whsec_" + Base64.getEncoder().encodeToString("new-secret-key-9876543210".getBytes());
    private static final Instant SENT = Instant.parse("2026-11-30T08:00:00Z");
    private static final String BODY = "{\"id\":\"evt_1\",\"object\":\"event\",\"created\":\"2026-11-30T08:00:00.000Z\","
            + "\"type\":\"linked_account.created\",\"environment\":\"test\",\"data\":{\"account_id\":\"a\"}}";

    private static String sign(String secret, String id, long ts, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Object> headers(String signature) {
        return Map.of("Webhook-Id", "evt_1", "webhook-timestamp", List.of(Long.toString(SENT.getEpochSecond())),
                "WEBHOOK-SIGNATURE", signature);
    }

    private static Webhooks at(Instant now, String... secrets) {
        return Webhooks.verifier().secrets(secrets).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    }

    @Test
    void doesReturnTheEventWhenTheSignatureAndTimeMatch() throws Exception {
        WebhookEvent e = at(SENT.plusSeconds(60), NEW).verify(BODY, headers(sign(NEW, "evt_1", SENT.getEpochSecond(), BODY)));
        assertThat(e.id()).isEqualTo("evt_1");
        assertThat(e.type()).isEqualTo("linked_account.created");
        assertThat(e.created()).isEqualTo(SENT);
        assertThat(e.data().path("account_id").asText()).isEqualTo("a");
    }

    @Test
    void doesVerifyARawByteBodyWhenGivenTheSecretAlone() throws Exception {
        long sent = SENT.getEpochSecond();
        byte[] bytes = BODY.replace("\"a\"", "\"été\"").getBytes(StandardCharsets.UTF_8);
        Map<String, Object> h = Map.of("webhook-id", "evt_1", "webhook-timestamp", Long.toString(sent),
                "webhook-signature", sign(NEW, "evt_1", sent, new String(bytes, StandardCharsets.UTF_8)));

        WebhookEvent e = at(SENT.plusSeconds(60), NEW).verify(bytes, h);

        assertThat(e.id()).isEqualTo("evt_1");
        assertThat(e.data().path("account_id").asText()).isEqualTo("été");
        byte[] tampered = bytes.clone();
        tampered[tampered.length - 3] ^= 1;
        assertThatThrownBy(() -> at(SENT.plusSeconds(60), NEW).verify(tampered, h))
                .isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> at(SENT.plusSeconds(60), OLD).verify(bytes, h))
                .isInstanceOf(SignatureVerificationException.class);
        // the secret-only form checks against the system clock: a delivery signed long ago is refused
        assertThatThrownBy(() -> Webhooks.verify(bytes, h, NEW)).isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void doesRefuseWhenTheTimestampIsOutsideTheTolerance() throws Exception {
        Map<String, Object> h = headers(sign(NEW, "evt_1", SENT.getEpochSecond(), BODY));
        assertThatThrownBy(() -> at(SENT.plus(Duration.ofMinutes(6)), NEW).verify(BODY, h))
                .isInstanceOf(SignatureVerificationException.class).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> at(SENT.minus(Duration.ofMinutes(6)), NEW).verify(BODY, h))
                .isInstanceOf(SignatureVerificationException.class);
        assertThat(Webhooks.verifier().secrets(NEW).tolerance(Duration.ofMinutes(10))
                .clock(Clock.fixed(SENT.plus(Duration.ofMinutes(6)), ZoneOffset.UTC)).build().verify(BODY, h).id())
                .isEqualTo("evt_1");
    }

    @Test
    void doesAcceptEitherSecretWhenARotationSendsTwoSignatures() throws Exception {
        String both = sign(NEW, "evt_1", SENT.getEpochSecond(), BODY) + " " + sign(OLD, "evt_1", SENT.getEpochSecond(), BODY);
        assertThat(at(SENT, OLD).verify(BODY, headers(both)).id()).isEqualTo("evt_1");
        assertThat(at(SENT, NEW).verify(BODY, headers(both)).id()).isEqualTo("evt_1");
        String onlyOld = sign(OLD, "evt_1", SENT.getEpochSecond(), BODY);
        assertThat(at(SENT, NEW, OLD).verify(BODY, headers(onlyOld)).id()).isEqualTo("evt_1");
        assertThatThrownBy(() -> at(SENT, NEW).verify(BODY, headers(onlyOld)))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void doesRefuseWhenTheBodyOrHeadersAreTamperedWith() throws Exception {
        String sig = sign(NEW, "evt_1", SENT.getEpochSecond(), BODY);
        assertThatThrownBy(() -> at(SENT, NEW).verify(BODY.replace("\"a\"", "\"b\""), headers(sig)))
                .isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> at(SENT, NEW).verify(BODY, Map.of("webhook-id", "evt_1")))
                .isInstanceOf(SignatureVerificationException.class).hasMessageContaining("missing header");
        assertThatThrownBy(() -> at(SENT, NEW).verify(BODY, headers("v2,garbage v1,@@@")))
                .isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> at(SENT, NEW).verify(BODY, Map.of("webhook-id", "evt_2",
                "webhook-timestamp", Long.toString(SENT.getEpochSecond()), "webhook-signature", sig)))
                .as("the id is signed too").isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void doesNotShowSecretsWhenPrinted() {
        assertThat(at(SENT, NEW).toString()).doesNotContain(NEW.substring(6));
        assertThat(Keybridge.builder().apiKey("kb_test_abcdefghijklmnopqrstuvwxyz").baseUrl("http://x").build().toString())
                .doesNotContain("abcdefghijklmnopqrstuvwxyz").contains("kb_test_");
        assertThat(Keybridge.builder().clientCredentials("ci_test_1", "cs_test_supersecretvalue0000").baseUrl("http://x")
                .build().toString()).doesNotContain("supersecretvalue").contains("ci_test_1");
        assertThat(new SessionToken("eyJ.secret.token", null).toString()).doesNotContain("secret");
        assertThat(RequestOptions.builder().header("access_token", "at_secret").build().toString()).doesNotContain("at_secret");
        assertThat(RequestOptions.builder().header("access_token", "at_secret").onResponse(r -> { }).build().toBuilder()
                .build().toString()).doesNotContain("at_secret").contains("onResponse=set");
        assertThat(new SessionToken("eyJ.secret.token", "st_1", null, List.of("sandbox-keys"))
                .toString()).doesNotContain("secret").contains("st_1", "sandbox-keys");
        KeybridgeResponse answer = new KeybridgeResponse("POST", "/api/v2/public/session-token", 200,
                Map.of("x-request-id", List.of("req_42"), "set-cookie", List.of("sid=cookie-secret")), 1);
        assertThat(answer.toString()).contains("req_42", "200").doesNotContain("cookie-secret");
        assertThat(new Page<>(List.of("a"), false, null, c -> null, answer).toString()).contains("req_42");
        assertThat(LinkTokenParams.forUpdate("at_secret_value").language("fr").build().toString())
                .doesNotContain("at_secret_value").contains("fr");
        assertThat(LinkBrandingParams.builder().logo("image/png", new byte[] {1, 2, 3})
                .displayName("Acme").build().toString()).doesNotContain("base64").contains("Acme");
        assertThat(new LinkBranding("Acme", "data:image/png;base64,AAAA", null, "dark").toString())
                .doesNotContain("base64");
    }
}
