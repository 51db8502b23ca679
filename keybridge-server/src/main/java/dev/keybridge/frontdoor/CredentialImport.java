package dev.keybridge.frontdoor;

import dev.keybridge.account.AccountService;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.connector.Connector;
import dev.keybridge.connector.ConnectorContext;
import dev.keybridge.connector.OAuth2Connector;
import dev.keybridge.connector.Step;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.Timestamps;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * {@code PUT /api/v2/public/migrate-token}: brings credentials an end user granted elsewhere into a
 * connection, so a team moves to Keybridge without asking users to reconnect. Every import is checked
 * before anything is stored: key-based fields by the app's verification call; an OAuth2 grant by one
 * refresh (or the connector's check when no refresh token is given); a login by the connector's check.
 * A refused import stores nothing; an accepted one fires {@code connection.created}.
 */
@Service
class CredentialImport {

    static final int MAX_VALUE = 8192;

    private final AppSettings apps;
    private final AccountService accounts;
    private final ConnectorAccess connectors;
    private final ConnectionWrites writes;

    CredentialImport(AppSettings apps, AccountService accounts, ConnectorAccess connectors, ConnectionWrites writes) {
        this.apps = apps;
        this.accounts = accounts;
        this.connectors = connectors;
        this.writes = writes;
    }

    Map<String, Object> run(Caller caller, JsonNode body, String header) {
        JsonFields f = JsonFields.of(body, "linked_account_id", "slug", "auth_object");
        String id = f.requiredString("linked_account_id", 255);
        if (header != null && !header.isBlank() && !header.strip().equals(id)) {
            throw Errors.invalid("The linked_account_id header and the body's 'linked_account_id' differ.");
        }
        AppDefinition app = apps.require(caller.orgId(), caller.environment(), f.requiredString("slug", 100));
        JsonNode auth = f.raw("auth_object");
        if (auth == null || !auth.isObject()) {
            throw Errors.invalid("'auth_object' is required: the credentials to import (an object).");
        }
        Step.Success ok = check(caller, app, auth);
        LinkedAccount account = accounts.findOrCreate(caller, id);
        ConnectionWrites.Written w = writes.createNew(account, app, ok);
        Map<String, Object> connection = ConnectionWrites.data(w.connection(), account.externalId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("connection", connection);
        out.put("access_token", w.accessToken());
        return out;
    }

    private Step.Success check(Caller caller, AppDefinition app, JsonNode auth) {
        Connector connector = connectors.connector(app);
        ConnectorContext ctx = connectors.context(caller, app);
        return switch (app.authType()) {
            case KEYBASED -> success(connector.start(ctx, strings(JsonFields.at(auth, "auth_object",
                    app.inputs().stream().map(AppDefinition.InputField::name).toArray(String[]::new)), auth)));
            case OAUTH2 -> oauth2(connector, ctx, auth);
            case CREDENTIALS -> {
                Map<String, String> login = strings(null, auth);
                yield checked(connector.check(ctx, login), new Step.Success(login, null, null), app);
            }
        };
    }

    private Step.Success oauth2(Connector connector, ConnectorContext ctx, JsonNode auth) {
        JsonFields f = JsonFields.at(auth, "auth_object", "access_token", "refresh_token", "expires_at", "expires_in",
                "scope", "scopes", "token_type");
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("access_token", f.requiredString("access_token", MAX_VALUE));
        put(grant, "refresh_token", f.optionalString("refresh_token", MAX_VALUE));
        put(grant, "token_type", f.optionalString("token_type", 64));
        put(grant, "scope", scope(f, ctx.app()));
        Instant expiresAt = expiry(f);
        if (grant.containsKey("refresh_token")) {
            if (ctx.clientId() == null || !(connector instanceof OAuth2Connector oauth2)) {
                throw new Errors.InvalidRequest("oauth_client_missing", "Set this environment's OAuth client for '"
                        + ctx.app().slug() + "' (PUT /api/v2/public/application/" + ctx.app().slug()
                        + "/settings) before importing its grants.");
            }
            return success(oauth2.refresh(ctx, grant));
        }
        return checked(connector.check(ctx, grant), new Step.Success(grant, expiresAt, null), ctx.app());
    }

    private static Step.Success checked(Connector.Check check, Step.Success ok, AppDefinition app) {
        return switch (check) {
            case WORKS -> ok;
            case LOGIN_REQUIRED -> throw new Errors.InvalidRequest("invalid_credentials",
                    app.name() + " did not accept these credentials; nothing was stored.");
            case UNKNOWN -> throw new Errors.InvalidRequest("cannot_verify", "Keybridge cannot check these credentials for "
                    + app.name() + (app.authType() == AppDefinition.AuthType.OAUTH2
                    ? "; send the grant's refresh_token so one refresh proves it." : ".") + " Nothing was stored.");
        };
    }

    private static Step.Success success(Step step) {
        if (step instanceof Step.Success ok) {
            return ok;
        }
        if (step instanceof Step.Failure failure) {
            throw ConnectorAccess.refused(failure);
        }
        throw new Errors.InvalidRequest("link_required", "These credentials need the end user (a challenge): send them "
                + "through Link instead.");
    }

    /** Every field of the object as a string (scalars only); with {@code f} the names were already checked. */
    private static Map<String, String> strings(JsonFields f, JsonNode auth) {
        Map<String, String> out = new LinkedHashMap<>();
        if (auth.size() > 20) {
            throw Errors.invalid("'auth_object' holds more than 20 fields.");
        }
        for (String name : auth.propertyNames()) {
            JsonNode v = auth.get(name);
            if (!v.isString()) {
                throw Errors.invalid("'auth_object." + name + "' must be a string.");
            }
            JsonFields.checkLength("auth_object." + name, v.asString(), MAX_VALUE);
            out.put(name, v.asString());
        }
        return out;
    }

    private static String scope(JsonFields f, AppDefinition app) {
        String scope = f.optionalString("scope", 4096);
        JsonNode scopes = f.raw("scopes");
        if (scopes == null || scopes.isNull()) {
            return scope;
        }
        if (!scopes.isArray()) {
            throw Errors.invalid("'auth_object.scopes' must be an array of strings.");
        }
        StringBuilder out = new StringBuilder();
        String sep = app.oauth2() == null || app.oauth2().scopeSeparator() == null ? " " : app.oauth2().scopeSeparator();
        for (JsonNode s : scopes) {
            if (!s.isString()) {
                throw Errors.invalid("'auth_object.scopes' must be an array of strings.");
            }
            out.append(out.isEmpty() ? "" : sep).append(s.asString());
        }
        return out.toString();
    }

    private static Instant expiry(JsonFields f) {
        JsonNode in = f.raw("expires_in");
        JsonNode at = f.raw("expires_at");
        try {
            if (in != null && !in.isNull()) {
                if (!in.canConvertToLong()) {
                    throw Errors.invalid("'auth_object.expires_in' must be a number of seconds.");
                }
                return Timestamps.now().plusSeconds(in.asLong());
            }
            if (at != null && !at.isNull()) {
                return at.isNumber() ? Instant.ofEpochSecond(at.asLong()) : Instant.parse(at.asString());
            }
        } catch (DateTimeParseException e) {
            throw Errors.invalid("'auth_object.expires_at' must be an ISO-8601 time or epoch seconds.");
        }
        return null;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v);
        }
    }
}
