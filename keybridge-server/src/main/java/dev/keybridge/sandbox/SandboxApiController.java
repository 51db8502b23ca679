package dev.keybridge.sandbox;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connector.SandboxEhrAccounts;
import dev.keybridge.web.ErrorBody;
import dev.keybridge.web.ErrorType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox apps' upstream APIs: {@code /me} and one list each, answering only valid credentials
 * (401 otherwise), as a real provider would, for the proxy to call.
 */
@RestController
class SandboxApiController {

    public static final String GOOD_KEY = "key_good";
    /** A key that works and that, its {@code /me} says, expires in five days (issue 20: keys with a known expiry). */
    public static final String EXPIRING_KEY = "key_expiring";
    private static final Duration EXPIRING_KEY_LIFETIME = Duration.ofDays(5);

    private final SandboxOAuthProvider oauth;
    private final boolean enabled;
    private final Clock clock;

    SandboxApiController(SandboxOAuthProvider oauth, KeybridgeSettings settings, Clock clock) {
        this.oauth = oauth;
        this.enabled = settings.sandbox().enabled();
        this.clock = clock;
    }

    /** When {@link #EXPIRING_KEY} ends, as its {@code /me} states it: five days from now, to the second. */
    static Instant expiringKeyEnd(Clock clock) {
        return clock.instant().plus(EXPIRING_KEY_LIFETIME).truncatedTo(ChronoUnit.SECONDS);
    }

    /** A key the sandbox key app accepts. */
    public static boolean validKey(String key) {
        return GOOD_KEY.equals(key) || EXPIRING_KEY.equals(key);
    }

    @GetMapping("/sandbox/api/oauth/me")
    ResponseEntity<Object> oauthMe(@RequestHeader(name = "authorization", required = false) String auth) {
        return oauthOk(auth) ? ok(Map.of("id", "sbx-user-1", "name", "Sandy Box", "email", "sandy@sandbox-oauth.example"))
                : denied("invalid_token");
    }

    @GetMapping("/sandbox/api/oauth/contacts")
    ResponseEntity<Object> oauthContacts(@RequestHeader(name = "authorization", required = false) String auth) {
        return oauthOk(auth) ? ok(Map.of("contacts", List.of(Map.of("id", "c1", "name", "Ada Lovelace"),
                Map.of("id", "c2", "name", "Alan Turing")))) : denied("invalid_token");
    }

    @GetMapping("/sandbox/api/keys/me")
    ResponseEntity<Object> keysMe(@RequestHeader(name = "x-sandbox-key", required = false) String key) {
        if (EXPIRING_KEY.equals(key)) {
            return ok(Map.of("account", "acct_sandbox", "plan", "test",
                    "expires_at", expiringKeyEnd(clock).toString()));
        }
        return validKey(key) ? ok(Map.of("account", "acct_sandbox", "plan", "test")) : denied("invalid_api_key");
    }

    @GetMapping("/sandbox/api/keys/invoices")
    ResponseEntity<Object> keysInvoices(@RequestHeader(name = "x-sandbox-key", required = false) String key) {
        return validKey(key) ? ok(Map.of("invoices", List.of(Map.of("id", "inv_1", "amount", 4200),
                Map.of("id", "inv_2", "amount", 1999)))) : denied("invalid_api_key");
    }

    /** A resource the sandbox key may not read: a good key gets 403 (a permission, not a login, problem). */
    @GetMapping("/sandbox/api/keys/admin")
    ResponseEntity<Object> keysAdmin(@RequestHeader(name = "x-sandbox-key", required = false) String key) {
        if (!validKey(key)) {
            return denied("invalid_api_key");
        }
        return enabled ? ResponseEntity.status(403).body(Map.of("error", "insufficient_permissions"))
                : ResponseEntity.status(404).build();
    }

    @GetMapping("/sandbox/api/ehr/me")
    ResponseEntity<Object> ehrMe(@RequestHeader(name = "authorization", required = false) String auth) {
        String user = ehrUser(auth);
        return user != null ? ok(Map.of("username", user, "practice", "Sandbox Family Practice")) : denied("invalid_credentials");
    }

    @GetMapping("/sandbox/api/ehr/patients")
    ResponseEntity<Object> ehrPatients(@RequestHeader(name = "authorization", required = false) String auth) {
        return ehrUser(auth) != null ? ok(Map.of("patients", List.of(Map.of("id", "p1", "name", "Jane Doe", "birth_date", "1980-01-02"),
                Map.of("id", "p2", "name", "John Roe", "birth_date", "1975-06-30")))) : denied("invalid_credentials");
    }

    private boolean oauthOk(String auth) {
        return enabled && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                && oauth.scopeOf(auth.substring(7).trim()).isPresent();
    }

    private String ehrUser(String auth) {
        if (!enabled || auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon < 0) {
                return null;
            }
            String user = pair.substring(0, colon);
            return SandboxEhrAccounts.validLogin(user, pair.substring(colon + 1)) ? user : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private ResponseEntity<Object> ok(Object body) {
        return enabled ? ResponseEntity.ok(body) : ResponseEntity.status(404)
                .body(ErrorBody.current("not_found", ErrorType.NOT_FOUND, "The sandbox is disabled."));
    }

    private static ResponseEntity<Object> denied(String error) {
        return ResponseEntity.status(401).body(ErrorBody.current(error, ErrorType.AUTHENTICATION,
                "The sandbox API did not accept the credential."));
    }
}
