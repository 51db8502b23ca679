package dev.keybridge.dashboard.signin;

import dev.keybridge.web.Ids;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks an e-mail address and password (Argon2id), throttled by {@link SigninThrottle} (per client
 * address, per e-mail address, per both: a client that has not been failing still signs in while others
 * guess). An unknown address costs the same as a known one and fails the same way: its password is
 * checked, once, against a decoy hash made by the same encoder with the same parameters
 * ({@link #passwordCheck}, the one place a password is hashed), and its failure is counted the same.
 */
@Component
public class OperatorSignin implements AuthenticationProvider {

    /** A hash of a random password, checked for unknown addresses so they take as long as known ones. */
    private final String decoy;
    private final OperatorStore operators;
    private final SigninThrottle throttle;
    private final PasswordEncoder passwords;

    OperatorSignin(OperatorStore operators, SigninThrottle throttle, PasswordEncoder passwords) {
        this.operators = operators;
        this.throttle = throttle;
        this.passwords = passwords;
        this.decoy = passwords.encode("decoy-" + Ids.random(20));
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = Invites.normalize(String.valueOf(authentication.getName()));
        Object credentials = authentication.getCredentials();
        String password = credentials == null ? "" : credentials.toString();
        if (email.length() > 254 || password.length() > Invites.MAX_PASSWORD) {
            throw new BadCredentialsException("bad");
        }
        String client = authentication.getDetails() instanceof WebAuthenticationDetails d && d.getRemoteAddress() != null
                ? d.getRemoteAddress() : "unknown";
        throttle.begin(email, client);   // counted as a failure until the password proves right
        Operator o = passwordCheck(email, password).orElseThrow(() -> new BadCredentialsException("bad"));
        throttle.passed(email, client);
        return UsernamePasswordAuthenticationToken.authenticated(o, null,
                List.of(new SimpleGrantedAuthority(o.role().authority())));
    }

    /**
     * The operator when the password is theirs. Exactly one password check whether the address is known
     * or not: against the operator's hash, or against the decoy for an unknown address.
     */
    private Optional<Operator> passwordCheck(String email, String password) {
        Optional<OperatorStore.WithHash> found = operators.byEmail(email);
        boolean matches = passwords.matches(password, found.map(OperatorStore.WithHash::passwordHash).orElse(decoy));
        return matches ? found.map(OperatorStore.WithHash::operator) : Optional.empty();
    }

    /** The seconds to wait when {@code e} refused a sign-in for a while (the throttle's refusal). */
    public static Optional<Long> retryAfter(AuthenticationException e) {
        return e instanceof SigninThrottle.Refused r ? Optional.of(r.retryAfterSeconds()) : Optional.empty();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
