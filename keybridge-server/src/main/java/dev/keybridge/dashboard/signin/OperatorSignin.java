package dev.keybridge.dashboard.signin;

import dev.keybridge.config.KeybridgeSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks an e-mail address and password (Argon2id) and throttles: after
 * {@code KEYBRIDGE_DASHBOARD_MAX_SIGNIN_FAILURES} failures for one address within
 * {@code KEYBRIDGE_DASHBOARD_SIGNIN_LOCKOUT}, it refuses that address without checking the password
 * until the window ends. The count lives in PostgreSQL so every node sees it. An unknown address
 * costs the same hash as a known one and fails the same way.
 */
@Component
public class OperatorSignin implements AuthenticationProvider {

    /** A hash of a random password, checked for unknown addresses so they take as long as known ones. */
    private final String decoy;
    private final OperatorStore operators;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final KeybridgeSettings.Dashboard settings;

    OperatorSignin(OperatorStore operators, PasswordEncoder passwords, Clock clock, KeybridgeSettings settings) {
        this.operators = operators;
        this.passwords = passwords;
        this.clock = clock;
        this.settings = settings.dashboard();
        this.decoy = passwords.encode("decoy-" + dev.keybridge.web.Ids.random(20));
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = Invites.normalize(String.valueOf(authentication.getName()));
        Object credentials = authentication.getCredentials();
        String password = credentials == null ? "" : credentials.toString();
        Instant now = clock.instant();
        Instant windowStart = now.minus(settings.signinLockout());
        if (email.length() > 254 || password.length() > Invites.MAX_PASSWORD) {
            throw new BadCredentialsException("bad");
        }
        if (operators.failures(email, windowStart) >= settings.maxSigninFailures()) {
            throw new LockedException("locked");
        }
        Optional<OperatorStore.WithHash> found = operators.byEmail(email);
        boolean ok = passwords.matches(password, found.map(OperatorStore.WithHash::passwordHash).orElse(decoy))
                && found.isPresent();
        if (!ok) {
            operators.recordFailure(email, now, windowStart);
            throw new BadCredentialsException("bad");
        }
        operators.clearFailures(email);
        Operator o = found.get().operator();
        return UsernamePasswordAuthenticationToken.authenticated(o, null,
                List.of(new SimpleGrantedAuthority(o.role().authority())));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
