package dev.keybridge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a provider's {@code scope}, the union update mode asks for, and what changed. */
class ScopesTest {

    @Test
    void doesSplitOnSpacesAndTheAppsSeparatorWhenAProviderAnswersEitherWay() {
        assertThat(Scopes.parse("openid  profile\temail openid", null)).containsExactly("openid", "profile", "email");
        assertThat(Scopes.parse("chat:write,users:read", ",")).containsExactly("chat:write", "users:read");
        assertThat(Scopes.parse("chat:write users:read", ",")).containsExactly("chat:write", "users:read");
        assertThat(Scopes.parse("", " ")).isEmpty();
        assertThat(Scopes.parse(null, null)).isEmpty();
    }

    @Test
    void doesKeepTheStoredOrderAndAddOnlyWhatIsNewWhenMakingTheUnion() {
        assertThat(Scopes.union(List.of("a", "b"), List.of("b", "c"))).containsExactly("a", "b", "c");
        assertThat(Scopes.union(null, List.of("c"))).containsExactly("c");
        assertThat(Scopes.minus(List.of("a", "b", "c"), List.of("b"))).containsExactly("a", "c");
        assertThat(Scopes.minus(List.of("a"), null)).containsExactly("a");
    }

    @Test
    void doesAcceptOnlyRfc6749ScopeTokensWhenCheckingOne() {
        assertThat(Scopes.TOKEN.matcher("https://www.googleapis.com/auth/calendar.readonly").matches()).isTrue();
        assertThat(Scopes.TOKEN.matcher("read:jira-work").matches()).isTrue();
        assertThat(Scopes.TOKEN.matcher("two words").matches()).isFalse();
        assertThat(Scopes.TOKEN.matcher("quo\"te").matches()).isFalse();
        assertThat(Scopes.TOKEN.matcher("back\\slash").matches()).isFalse();
        assertThat(Scopes.TOKEN.matcher("").matches()).isFalse();
        assertThat(Scopes.TOKEN.matcher("é").matches()).isFalse();
    }
}
