package dev.keybridge.connector;

import dev.keybridge.catalog.AppDefinition;
import java.util.List;
import java.util.Map;

/**
 * One auth family (how Keybridge links an end user's account at one kind of system), and everything
 * that differs per family: the first Link step, each next step, the smallest step that repairs a
 * failing login, how a credential goes on an upstream request, whether and how it refreshes, how it is
 * checked and how it is revoked. Built-ins: {@code oauth2}, {@code keybased}, {@code smart_on_fhir} (EHRs),
 * {@code sandbox-ehr} (the credentials + MFA family); an operator adds more by dropping a jar that
 * declares implementations in {@code META-INF/services/dev.keybridge.connector.Connector} into
 * {@code KEYBRIDGE_CONNECTORS_DIR}.
 * Nothing outside this package asks which family an app belongs to: callers ask its connector.
 *
 * <p>A connector is stateless and never touches the database: everything it needs to resume a
 * flow is in the {@link Step}'s {@code state}, which Link stores encrypted and hands back on the
 * next call. Credentials it returns are stored encrypted by Keybridge.
 */
public interface Connector {

    /** The name apps use in the catalog's {@code connector} field. */
    String name();

    /**
     * The first form Link shows for {@code app}; its answers go to {@link #start}. The default is the
     * credentials family's: a username and a password.
     */
    default Step.Form form(AppDefinition app) {
        return new Step.Form(Text.of("form.sign_in.title", app.name()), Text.of("form.sign_in.prompt", app.name()),
                List.of(Step.Field.text("username", Text.of("field.username")),
                        Step.Field.password("password", Text.of("field.password"))));
    }

    /**
     * Begins linking with what the first form collected. May answer a {@link Step.Redirect} (the
     * browser goes to the provider and comes back to Link's callback with {@link ConnectorContext#state()}).
     */
    Step start(ConnectorContext context, Map<String, String> input);

    /**
     * Continues a flow: the answer to a {@link Step.Challenge}, or for a redirect the parameters of the
     * callback ({@code code}, {@code error}, …). {@code state} is the state of the previous step.
     */
    Step answer(ConnectorContext context, Map<String, String> state, Map<String, String> answers);

    /**
     * Begins repairing a connection (update mode) from its stored credentials and the reason it failed
     * (e.g. {@code otp_expired}, {@code password_expired}, {@code consent_revoked}); returns the smallest
     * step that fixes it: a {@link Step.Challenge} asks only for what is missing. The default is the
     * first form again.
     */
    default Step reauthenticate(ConnectorContext context, Map<String, String> credentials, String reason) {
        return form(context.app());
    }

    /** How the stored credentials go on an upstream request. The default follows the catalog's {@code inject}. */
    default Injection inject(AppDefinition app, Map<String, String> credentials) {
        return Injection.fromCatalog(app, credentials);
    }

    /** Whether these credentials can be refreshed (then {@link #refresh} renews them before they expire). */
    default boolean refreshable(Map<String, String> credentials) {
        return false;
    }

    /** Renews refreshable credentials: a {@link Step.Success}, or a {@link Step.Failure} ({@code invalid_grant}: the grant is gone). */
    default Step refresh(ConnectorContext context, Map<String, String> credentials) {
        return Step.Failure.of("refresh_not_supported", false);
    }

    /** Whether the stored credentials still log in. The default cannot tell. */
    default Check check(ConnectorContext context, Map<String, String> credentials) {
        return Check.UNKNOWN;
    }

    /** Revokes the grant at the provider when the connection is deleted; true when the provider confirmed. */
    default boolean revoke(ConnectorContext context, Map<String, String> credentials) {
        return false;
    }

    /**
     * The scopes the grant in {@code credentials} received (OAuth2: the token response's {@code scope}, or the
     * requested ones when it had none); null when the family has no scopes or the credentials do not say.
     */
    default List<String> grantedScopes(AppDefinition app, Map<String, String> credentials) {
        return null;
    }

    /** Whether the family needs the organization's client id and secret for the app (per environment). */
    default boolean usesClient() {
        return false;
    }

    /** The {@code status_reason} of a connection whose credential the app refused and that cannot be refreshed. */
    default String refusedReason() {
        return "invalid_credentials";
    }

    /** The fields the browser SDK collects itself for this app (§3 {@code auth_input_map}); empty when Link asks. */
    default List<AppDefinition.InputField> inputMap(AppDefinition app) {
        return List.of();
    }

    enum Check { WORKS, LOGIN_REQUIRED, UNKNOWN }
}
