package dev.keybridge.account;

import static dev.keybridge.support.Accounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.support.Accounts;
import dev.keybridge.support.Api;
import dev.keybridge.web.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules of a {@code linked_account_id} in an upsert body ({@link AccountInput}): any text the
 * caller likes, as long as it can be put in a URL path segment and has no surrounding white space.
 */
class AccountInputTest {

    private static final KeybridgeSettings.Limits LIMITS = new KeybridgeSettings.Limits(262144, 255, 255, 100, 100, 2048, 8192);

    private static AccountInput parse(Accounts body) {
        return AccountInput.parse(Api.JSON.valueToTree(body.body()), LIMITS);
    }

    private static void assertRefused(Accounts body, String message) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void doesKeepTheIdAsSentWhenItIsOrdinaryText() {
        for (String id : List.of("account:12345", "a.b", "Ann Smith", "...", "ünïcødé-✓", "x")) {
            assertThat(parse(account(id)).linkedAccountId()).isEqualTo(id);
        }
    }

    @Test
    void doesRefuseTheIdWhenItIsMissingOrEmpty() {
        assertRefused(account(null).name("No id"), "'linked_account_id' is required");
        assertRefused(account(""), "'linked_account_id' is required");
        assertRefused(account("   "), "'linked_account_id' is required");
    }

    @Test
    void doesRefuseTheIdWhenItHoldsAControlCharacter() {
        assertRefused(account("a\u0007b"), "'linked_account_id' contains a control character");
    }

    @Test
    void doesRefuseTheIdWhenItIsNotAString() {
        assertRefused(Accounts.account("ignored").field("linked_account_id", 42), "'linked_account_id' must be a string");
    }

    @Test
    void doesRefuseTheIdWhenItStartsOrEndsWithWhiteSpace() {
        for (String id : List.of(" a", "a ", "a\u3000")) {
            assertRefused(account(id), "'linked_account_id' starts or ends with white space");
        }
        for (String id : List.of("\ta", "a\n")) {
            assertRefused(account(id), "'linked_account_id' contains a control character");
        }
    }

    @Test
    void doesRefuseTheIdWhenItCouldNotBeAddressedInAPath() {
        for (String id : List.of("a/b", "/", "a\\b")) {
            assertRefused(account(id), "'linked_account_id' contains '");
        }
        for (String id : List.of(".", "..")) {
            assertRefused(account(id), "'linked_account_id' is '" + id + "'");
        }
    }

    @Test
    void doesRefuseTheIdWhenItIsLongerThanTheLimit() {
        assertThat(parse(account("i".repeat(255))).linkedAccountId()).hasSize(255);
        assertRefused(account("i".repeat(256)), "'linked_account_id' is longer than 255 characters");
    }
}
