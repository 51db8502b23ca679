package dev.keybridge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppDefinition.AuthFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proxy's reading of an upstream answer as "these credentials no longer work" ({@link AuthFailureRule}). */
class AuthFailureRuleTest {

    /** A key-based app whose catalog entry declares {@code authFailure} (null: no {@code auth_failure} at all). */
    private static AuthFailureRule ruleOf(AuthFailure authFailure) {
        AppDefinition app = new AppDefinition("upstream", "Upstream", null, null, AppDefinition.AuthType.KEYBASED, null,
                null, "https://api.upstream.example", null, authFailure, null, null, null, false, null, null, null, null);
        return new AuthFailureRule(app);
    }

    private static AuthFailure statuses(Integer... codes) {
        return new AuthFailure(List.of(codes), null);
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void doesTakeOnly401AsAnAuthFailureWhenTheAppDeclaresNoRule() {
        AuthFailureRule rule = ruleOf(null);

        assertThat(rule.candidate(401)).isTrue();
        assertThat(rule.candidate(403)).isFalse();
        assertThat(rule.candidate(500)).isFalse();
        assertThat(rule.needsBody()).isFalse();
        assertThat(rule.confirms(body("anything"))).isTrue();
    }

    @Test
    void doesTakeOnly401WhenTheRuleListsNoStatus() {
        for (AuthFailureRule rule : List.of(ruleOf(new AuthFailure(List.of(), List.of())), ruleOf(new AuthFailure(null, null)))) {
            assertThat(rule.candidate(401)).isTrue();
            assertThat(rule.candidate(403)).isFalse();
            assertThat(rule.needsBody()).isFalse();
        }
    }

    @Test
    void doesTakeExactlyTheListedStatusesWhenTheAppListsThem() {
        AuthFailureRule rule = ruleOf(statuses(403, 419));

        assertThat(rule.candidate(403)).isTrue();
        assertThat(rule.candidate(419)).isTrue();
        assertThat(rule.candidate(401)).as("not listed, so not a failure of this app's credentials").isFalse();
        assertThat(rule.needsBody()).isFalse();
    }

    @Test
    void doesAskForTheBodyAndConfirmOnlyWhenAPatternIsFoundInIt() {
        AuthFailureRule rule = ruleOf(new AuthFailure(List.of(403), List.of("invalid_token", "token (expired|revoked)")));

        assertThat(rule.needsBody()).isTrue();
        assertThat(rule.confirms(body("{\"error\":\"invalid_token\"}"))).isTrue();
        assertThat(rule.confirms(body("{\"message\":\"Token revoked by admin\"}"))).as("a regular expression").isTrue();
        assertThat(rule.confirms(body("{\"error\":\"insufficient_scope\"}"))).isFalse();
        assertThat(rule.confirms(body(""))).isFalse();
    }

    @Test
    void doesMatchPatternsRegardlessOfCaseWhenConfirming() {
        AuthFailureRule rule = ruleOf(new AuthFailure(List.of(401), List.of("session expired")));

        assertThat(rule.confirms(body("<h1>SESSION EXPIRED</h1>"))).isTrue();
    }

    @Test
    void doesReadTheBodyAsUtf8WhenConfirming() {
        AuthFailureRule rule = ruleOf(new AuthFailure(List.of(401), List.of("jeton expiré")));

        assertThat(rule.confirms(body("{\"erreur\":\"jeton expiré\"}"))).isTrue();
    }
}
