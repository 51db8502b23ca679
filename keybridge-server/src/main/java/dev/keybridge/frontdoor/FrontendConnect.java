package dev.keybridge.frontdoor;

import dev.keybridge.account.AccountService;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.catalog.PublicUrl;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.ConnectionLookup;
import dev.keybridge.connection.Disconnector;
import dev.keybridge.connector.AppConnectors;
import dev.keybridge.connector.Connector;
import dev.keybridge.connector.Step;
import dev.keybridge.link.LinkTokens;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.Timestamps;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The browser SDK's connect and disconnect (wire-formats §3), for the session token's linked account:
 * key-based apps are saved directly after the app's verification call; every app can be connected
 * through hosted Link opened at that app ({@code integrate}); a live connection is re-linked in update
 * mode (same access token, only the missing input); disconnect revokes and removes.
 */
@Service
class FrontendConnect {

    /** Names of connect() payload entries handed to Link's form (in the address fragment). */
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final int MAX_PREFILL = 20;

    private final AppSettings apps;
    private final AccountService accounts;
    private final AppConnectors connectors;
    private final ConnectionWrites writes;
    private final LinkTokens link;
    private final ConnectionLookup lookup;
    private final Disconnector disconnector;
    private final PublicUrl publicUrl;
    private final Refusals refusals;

    FrontendConnect(AppSettings apps, AccountService accounts, AppConnectors connectors, ConnectionWrites writes,
                    LinkTokens link, ConnectionLookup lookup, Disconnector disconnector, PublicUrl publicUrl,
                    Refusals refusals) {
        this.refusals = refusals;
        this.apps = apps;
        this.accounts = accounts;
        this.connectors = connectors;
        this.writes = writes;
        this.link = link;
        this.lookup = lookup;
        this.disconnector = disconnector;
        this.publicUrl = publicUrl;
    }

    /** {@code POST /api/v2/app/{slug}/save}: the key-based fields, checked by the app's verification call. */
    FrontdoorResponses.Saved save(Caller caller, String slug, JsonNode body) {
        AppDefinition app = apps.require(caller.orgId(), caller.environment(), slug);
        Connector connector = connectors.of(app);
        List<AppDefinition.InputField> fields = connector.inputMap(app);
        if (fields.isEmpty()) {
            throw new Errors.InvalidRequest("not_keybased", "'" + slug + "' signs in through hosted Link: connect it with "
                    + "GET /api/v1/" + slug + "/integrate.");
        }
        JsonFields f = JsonFields.of(body, fields.stream().map(AppDefinition.InputField::name).toArray(String[]::new));
        Map<String, String> input = new LinkedHashMap<>();
        for (AppDefinition.InputField field : fields) {
            String v = f.optionalString(field.name(), 4096);
            if (v != null) {
                input.put(field.name(), v);
            }
        }
        LinkedAccount account = accounts.get(caller, caller.linkedAccountId());
        Step.Success ok = refusals.successOf(connector.start(connectors.context(caller.orgId(), caller.environment(), app),
                input), slug);
        ConnectionWrites.Written w = writes.createOrReplace(account, app, ok);
        return new FrontdoorResponses.Saved(true, w.connection().id(), w.created());
    }

    /**
     * {@code GET /api/v1/{slug}/integrate?…}: an {@code auth_url} opening hosted Link at the app. A live
     * connection is re-linked in update mode. The query parameters are the connection's fields (a subdomain,
     * a region): stored with the connection when the user finishes, used in the app's {@code {field}} URL
     * placeholders, and passed in the address fragment so Link prefills the form fields of the same names.
     */
    FrontdoorResponses.Integrate integrate(Caller caller, String slug, Map<String, String> params) {
        AppDefinition app = apps.require(caller.orgId(), caller.environment(), slug);
        LinkedAccount account = accounts.get(caller, caller.linkedAccountId());
        Optional<Connection> live = writes.live(account, app.slug());
        StringBuilder fragment = new StringBuilder();
        int n = 0;
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (n++ >= MAX_PREFILL || !FIELD.matcher(p.getKey()).matches() || p.getValue() == null
                    || p.getValue().length() > 500) {
                throw Errors.invalid("integrate takes at most " + MAX_PREFILL + " parameters, named with letters, "
                        + "digits, '_', '.' or '-', each at most 500 characters.");
            }
            fragment.append(fragment.isEmpty() ? "#" : "&").append(enc(p.getKey())).append('=').append(enc(p.getValue()));
        }
        // The parameters are the connection's fields: stored with it when the user finishes (whatever the app
        // asks), and in the fragment for the page to prefill the fields of its forms that have those names.
        LinkTokens.CreatedToken token = live.isPresent() ? link.createUpdate(caller, live.get(), params)
                : link.createForApp(caller, account.externalId(), app.slug(), params);
        StringBuilder url = new StringBuilder(publicUrl.get()).append("/link?token=").append(enc(token.token()))
                .append("&display=popup");
        return new FrontdoorResponses.Integrate(url.append(fragment).toString(), live.isPresent() ? "update" : "create",
                Timestamps.format(token.expiration()));
    }

    /**
     * {@code DELETE /api/v1/linked-acc/integration/{slug}}: disconnects the app for the account, that is every
     * live connection of the account to it (the rule of docs/frontend.md: {@code connected} is true while any
     * is live, so disconnecting the app ends them all); each is revoked at the provider, removed, and fires its
     * {@code connection.deleted}.
     */
    FrontdoorResponses.Disconnected disconnect(Caller caller, String slug) {
        apps.require(caller.orgId(), caller.environment(), slug);
        List<Connection> live = lookup.allByAccount(caller, caller.linkedAccountId(), slug);
        boolean allRevoked = true;
        for (Connection c : live) {
            allRevoked &= disconnector.disconnect(c).revoked();
        }
        return new FrontdoorResponses.Disconnected(true, slug, live.getFirst().id(),
                live.stream().map(Connection::id).toList(), "disconnected", allRevoked);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
