package dev.keybridge.dashboard.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.support.SettingsBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The sign-in answer must take as long for an unknown e-mail address as for a known one. Timing is not
 * asserted here (bench/signin measures it): the structure is. Each attempt, known address or not, runs
 * exactly one Argon2id check, against a hash made by the same encoder with the same parameters (the
 * operator's, or the decoy for an unknown address), and hashes nothing else.
 */
class OperatorSigninTest {

    private static final String PASSWORD = "correct horse battery staple";

    private final CountingEncoder encoder = new CountingEncoder(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());
    private final String operatorHash = encoder.encode(PASSWORD);
    private final OperatorSignin signin = new OperatorSignin(new OneOperator("ann@example.com", operatorHash),
            new NoThrottle(), encoder);

    @Test
    void doesCheckOnePasswordAgainstAnEquallyCostlyHashWhenTheAddressIsUnknown() {
        encoder.reset();

        assertThatThrownBy(() -> signin.authenticate(attempt("nobody@example.com", PASSWORD)))
                .isInstanceOf(BadCredentialsException.class);

        assertThat(encoder.checked).hasSize(1);
        assertThat(encoder.encoded).isZero();
        String decoy = encoder.checked.getFirst();
        assertThat(decoy).isNotEqualTo(operatorHash);
        assertThat(parameters(decoy)).isEqualTo(parameters(operatorHash)).startsWith("$argon2id$");
    }

    @Test
    void doesCheckOnePasswordAgainstTheOperatorsHashWhenTheAddressIsKnown() {
        encoder.reset();

        assertThatThrownBy(() -> signin.authenticate(attempt("ann@example.com", "wrong password")))
                .isInstanceOf(BadCredentialsException.class);
        Authentication ok = signin.authenticate(attempt("ann@example.com", PASSWORD));

        assertThat(ok.isAuthenticated()).isTrue();
        assertThat(encoder.checked).containsExactly(operatorHash, operatorHash);
        assertThat(encoder.encoded).isZero();
    }

    private static Authentication attempt(String email, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(email, password);
    }

    /** The Argon2 variant, version and cost parameters of an encoded hash (without its salt and digest). */
    private static String parameters(String hash) {
        String[] parts = hash.split("\\$");
        return "$" + parts[1] + "$" + parts[2] + "$" + parts[3];
    }

    /** The encoder, counting what it hashes: each check with the hash it was given, and each encoding. */
    private static final class CountingEncoder implements PasswordEncoder {
        private final PasswordEncoder real;
        private final List<String> checked = new ArrayList<>();
        private int encoded;

        CountingEncoder(PasswordEncoder real) {
            this.real = real;
        }

        void reset() {
            checked.clear();
            encoded = 0;
        }

        @Override
        public String encode(CharSequence raw) {
            encoded++;
            return real.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encodedPassword) {
            checked.add(encodedPassword);
            return real.matches(raw, encodedPassword);
        }
    }

    /** A store holding one operator (nothing else is read during sign-in). */
    private static final class OneOperator extends OperatorStore {
        private final WithHash operator;

        OneOperator(String email, String hash) {
            super(null);
            this.operator = new WithHash(new Operator("op_1", "org_1", email, Role.OWNER, Instant.EPOCH), hash);
        }

        @Override
        Optional<WithHash> byEmail(String email) {
            return operator.operator().email().equals(email) ? Optional.of(operator) : Optional.empty();
        }
    }

    /** A throttle that never refuses and keeps no count. */
    private static final class NoThrottle extends SigninThrottle {
        private static final KeybridgeSettings SETTINGS = SettingsBuilder.settings().build();

        NoThrottle() {
            super(null, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), SETTINGS);
        }

        @Override
        void begin(String email, String client) {}

        @Override
        void passed(String email, String client) {}
    }
}
