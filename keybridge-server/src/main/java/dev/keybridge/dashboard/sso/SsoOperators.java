package dev.keybridge.dashboard.sso;

import dev.keybridge.dashboard.signin.Operator;
import dev.keybridge.dashboard.signin.OperatorStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Who single sign-on lets in: only an operator who exists already (invited and joined), found by
 * the {@code email} claim of the provider's ID token, and only when the same token says the provider
 * verified that address ({@code email_verified: true}). Nobody is created here, and the organization
 * and role are the operator's own; a provider cannot add people or raise anyone's role. The first
 * sign-in binds the operator to the provider's account (issuer and {@code sub}, {@link SsoAccounts});
 * later ones are refused when the account is another one (the provider gave the address to someone
 * else) or when that account is bound to another operator.
 */
@Component
class SsoOperators implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String UNKNOWN = "unknown_operator";
    static final String UNVERIFIED = "email_not_verified";
    static final String OTHER_ACCOUNT = "operator_bound_to_another_account";
    static final String OTHER_OPERATOR = "account_bound_to_another_operator";

    private static final Logger log = LoggerFactory.getLogger(SsoOperators.class);

    private final OperatorStore operators;
    private final SsoAccounts accounts;

    SsoOperators(OperatorStore operators, SsoAccounts accounts) {
        this.operators = operators;
        this.accounts = accounts;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcIdToken id = request.getIdToken();
        String email = id.getEmail();
        if (email == null || email.isBlank() || !Boolean.TRUE.equals(id.getEmailVerified())) {
            throw new OAuth2AuthenticationException(new OAuth2Error(UNVERIFIED), UNVERIFIED);
        }
        Operator o = operators.byAddress(email).orElseThrow(() ->
                new OAuth2AuthenticationException(new OAuth2Error(UNKNOWN, email.length() > 254 ? null : email, null), UNKNOWN));
        String issuer = id.getClaimAsString("iss");
        return switch (accounts.bind(o.id(), issuer, id.getSubject())) {
            case SAME -> new OperatorUser(o, id);
            case OTHER_ACCOUNT -> {
                log.warn("Single sign-on refused for operator {}: it is bound to another account of {}", o.id(), issuer);
                throw new OAuth2AuthenticationException(new OAuth2Error(OTHER_ACCOUNT, o.email(), null), OTHER_ACCOUNT);
            }
            case OTHER_OPERATOR -> {
                log.warn("Single sign-on refused for operator {}: this account of {} is bound to another operator",
                        o.id(), issuer);
                throw new OAuth2AuthenticationException(new OAuth2Error(OTHER_OPERATOR, o.email(), null), OTHER_OPERATOR);
            }
        };
    }

    /** The provider's user, with the operator it signs in as. */
    static final class OperatorUser extends DefaultOidcUser {
        private final Operator operator;

        OperatorUser(Operator operator, OidcIdToken id) {
            super(List.of(new SimpleGrantedAuthority(operator.role().authority())), id);
            this.operator = operator;
        }

        Operator operator() {
            return operator;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OperatorUser u && super.equals(u) && operator.equals(u.operator);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }
}
