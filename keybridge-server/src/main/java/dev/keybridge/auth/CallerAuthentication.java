package dev.keybridge.auth;

import dev.keybridge.tenancy.Caller;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Spring Security's view of a {@link Caller}: one authority per way in. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    static final String SERVER = "SERVER";
    static final String SESSION = "SESSION";
    static final String ADMIN = "ADMIN";

    private final Caller caller;

    CallerAuthentication(Caller caller) {
        super(List.of(new SimpleGrantedAuthority(switch (caller.via()) {
            case API_KEY, CLIENT_CREDENTIALS -> SERVER;
            case SESSION_TOKEN -> SESSION;
            case ADMIN -> ADMIN;
            case OPERATOR -> "OPERATOR";
        })));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public @Nullable Object getCredentials() {
        return null;
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }
}
