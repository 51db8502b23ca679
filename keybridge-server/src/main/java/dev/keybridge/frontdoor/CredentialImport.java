package dev.keybridge.frontdoor;

import dev.keybridge.account.AccountService;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.audit.AuditActions;
import dev.keybridge.audit.AuditLog;
import dev.keybridge.audit.AuditRecord;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.connection.ConnectionEvents;
import dev.keybridge.connector.AppConnectors;
import dev.keybridge.connector.Connector;
import dev.keybridge.connector.ConnectorContext;
import dev.keybridge.connector.Step;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import dev.keybridge.web.JsonFields;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * {@code PUT /api/v2/public/migrate-token}: brings credentials an end user granted elsewhere into a
 * connection, so a team moves to Keybridge without asking users to reconnect. Every import is checked
 * by the app's connector before anything is stored: fields the SDK collects (key-based apps) go through
 * its first step, i.e. the app's verification call; refreshable credentials (an OAuth2 grant with its
 * refresh token) are refreshed once; anything else must pass the connector's check. A refused import
 * stores nothing; an accepted one fires {@code connection.created}.
 */
@Service
class CredentialImport {

    static final int MAX_VALUE = 8192;
    static final int MAX_FIELDS = 20;

    private final AppSettings apps;
    private final AccountService accounts;
    private final AppConnectors connectors;
    private final ConnectionWrites writes;
    private final Clock clock;
    private final Refusals refusals;
    private final AuditLog audit;

    CredentialImport(AppSettings apps, AccountService accounts, AppConnectors connectors, ConnectionWrites writes,
                     Clock clock, Refusals refusals, AuditLog audit) {
        this.audit = audit;
        this.refusals = refusals;
        this.apps = apps;
        this.accounts = accounts;
        this.connectors = connectors;
        this.writes = writes;
        this.clock = clock;
    }

    FrontdoorResponses.Imported run(Caller caller, MigrateTokenRequest body, String header) {
        String id = body.linkedAccountId();
        if (header != null && !header.isBlank()
                && !Ids.chosenFromHeader("linked_account_id", header.strip(), MigrateTokenRequest.MAX_ID).equals(id)) {
            throw Errors.invalid("The linked_account_id header and the body's 'linked_account_id' differ.");
        }
        AppDefinition app = apps.require(caller.orgId(), caller.environment(), body.slug());
        JsonNode auth = body.authObject();
        if (auth == null || !auth.isObject() || auth.isEmpty() || auth.size() > MAX_FIELDS) {
            throw Errors.invalid("'auth_object' is required: the credentials to import (an object of at most "
                    + MAX_FIELDS + " fields).");
        }
        Step.Success ok = check(caller, app, auth);
        LinkedAccount account = accounts.findOrCreate(caller, id);
        ConnectionWrites.Written w = writes.createNew(account, app, ok);
        audit.record(AuditRecord.by(caller, caller.orgId(), caller.environment(), clock.instant(),
                AuditActions.CREDENTIAL_IMPORT, w.connection().id(), Map.of("app", app.slug())));
        return new FrontdoorResponses.Imported(true, ConnectionEvents.data(w.connection(), account.externalId()),
                w.accessToken());
    }

    private Step.Success check(Caller caller, AppDefinition app, JsonNode auth) {
        Connector connector = connectors.of(app);
        ConnectorContext ctx = connectors.context(caller.orgId(), caller.environment(), app);
        List<AppDefinition.InputField> fields = connector.inputMap(app);
        if (!fields.isEmpty()) {
            JsonFields.at(auth, "auth_object", fields.stream().map(AppDefinition.InputField::name).toArray(String[]::new));
            return refusals.successOf(connector.start(ctx, strings(auth)), app.slug());
        }
        Instant expiresAt = expiry(auth);
        Map<String, String> credentials = strings(auth);
        if (connector.refreshable(credentials)) {
            if (connector.usesClient() && ctx.clientId() == null) {
                throw new Errors.InvalidRequest("oauth_client_missing", "Set this environment's client for '" + app.slug()
                        + "' (PUT /api/v2/public/application/" + app.slug() + "/settings) before importing its grants.");
            }
            return refusals.successOf(connector.refresh(ctx, credentials), app.slug());
        }
        return switch (connector.check(ctx, credentials)) {
            case WORKS -> new Step.Success(credentials, expiresAt, null);
            case LOGIN_REQUIRED -> throw new Errors.InvalidRequest("invalid_credentials",
                    app.name() + " did not accept these credentials; nothing was stored.");
            case UNKNOWN -> throw new Errors.InvalidRequest("cannot_verify", "Keybridge cannot check these credentials for "
                    + app.name() + " (for an OAuth2 grant, send its refresh_token so one refresh proves it). Nothing was stored.");
        };
    }

    /**
     * The fields as strings: scalars as they are, {@code scopes} (an array) joined into {@code scope};
     * {@code expires_in}/{@code expires_at} are read by {@link #expiry} and not stored.
     */
    private static Map<String, String> strings(JsonNode auth) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : auth.propertyNames()) {
            JsonNode v = auth.get(name);
            String at = "auth_object." + name;
            JsonFields.checkLength(at, name, 64);
            if (name.equals("expires_in") || name.equals("expires_at") || v.isNull()) {
                continue;
            }
            if (name.equals("scopes")) {
                if (!v.isArray()) {
                    throw Errors.invalid("'" + at + "' must be an array of strings.");
                }
                StringBuilder joined = new StringBuilder();
                for (JsonNode s : v) {
                    if (!s.isString()) {
                        throw Errors.invalid("'" + at + "' must be an array of strings.");
                    }
                    joined.append(joined.isEmpty() ? "" : " ").append(s.asString());
                }
                out.put("scope", joined.toString());
                continue;
            }
            if (!v.isString()) {
                throw Errors.invalid("'" + at + "' must be a string.");
            }
            JsonFields.checkLength(at, v.asString(), MAX_VALUE);
            out.put(name, v.asString());
        }
        return out;
    }

    private Instant expiry(JsonNode auth) {
        JsonNode in = auth.get("expires_in");
        JsonNode at = auth.get("expires_at");
        if (in != null && !in.isNull()) {
            if (!in.canConvertToLong()) {
                throw Errors.invalid("'auth_object.expires_in' must be a number of seconds.");
            }
            return clock.instant().plusSeconds(in.asLong());
        }
        if (at != null && !at.isNull()) {
            try {
                return at.isNumber() ? Instant.ofEpochSecond(at.asLong()) : Instant.parse(at.asString());
            } catch (DateTimeParseException e) {
                throw Errors.invalid("'auth_object.expires_at' must be an ISO-8601 time or epoch seconds.");
            }
        }
        return null;
    }
}
