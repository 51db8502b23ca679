package dev.keybridge.repair;

import dev.keybridge.account.AccountService;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.catalog.PublicUrl;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.Connections;
import dev.keybridge.events.EventData;
import dev.keybridge.events.EventType;
import dev.keybridge.events.Events;
import dev.keybridge.link.LinkSettings;
import dev.keybridge.link.LinkTokens;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.TenancyService;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import dev.keybridge.web.Timestamps;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes reconnect links: update mode for one connection with a lifetime the operator chose (up to 7 days),
 * maybe e-mailed to the end user in their language with the host's name. The link token is in the URL
 * handed out once and is never stored.
 */
@Service
public class ReconnectLinks {

    static final Duration MAX_LIFETIME = Duration.ofDays(7);
    static final Duration MIN_LIFETIME = Duration.ofMinutes(10);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** What to make: for a connection, for how long, and where to send it (null: nowhere). */
    public record Request(String connectionId, Duration lifetime, @Nullable String email, @Nullable String language) {}

    private final LinkTokens links;
    private final Connections connections;
    private final AccountService accounts;
    private final ReconnectLinkStore store;
    private final Mailer mailer;
    private final MessageSource messages;
    private final PublicUrl publicUrl;
    private final LinkSettings linkSettings;
    private final TenancyService tenancy;
    private final AppSettings apps;
    private final Events events;
    private final TransactionTemplate tx;

    ReconnectLinks(LinkTokens links, Connections connections, AccountService accounts, ReconnectLinkStore store,
                   Mailer mailer, MessageSource messages, PublicUrl publicUrl, LinkSettings linkSettings,
                   TenancyService tenancy, AppSettings apps, Events events, TransactionTemplate tx) {
        this.events = events;
        this.tx = tx;
        this.links = links;
        this.connections = connections;
        this.accounts = accounts;
        this.store = store;
        this.mailer = mailer;
        this.messages = messages;
        this.publicUrl = publicUrl;
        this.linkSettings = linkSettings;
        this.tenancy = tenancy;
        this.apps = apps;
    }

    /** The live connection of a linked account (by its external id) to an app; 404 when it has none. */
    public String connectionOf(Caller caller, String linkedAccountId, String app) {
        LinkedAccount account = accounts.get(caller, accounts.checkedId("linked_account_id", linkedAccountId));
        return connections.forAccount(caller.orgId(), caller.environment(), account.id()).stream()
                .filter(c -> c.appSlug().equals(app) && c.status() != Connection.Status.DISCONNECTED).findFirst()
                .map(Connection::id)
                .orElseThrow(() -> Errors.notFound("connection", linkedAccountId + "/" + app));
    }

    /** Makes the link (and sends its e-mail); the answer carries the URL, once. */
    public ReconnectLink create(Caller caller, Request r, String createdBy) {
        if (r.lifetime().compareTo(MIN_LIFETIME) < 0 || r.lifetime().compareTo(MAX_LIFETIME) > 0) {
            throw Errors.invalid("A reconnect link lives from 10 minutes to 7 days.");
        }
        String email = r.email() == null ? null : Mailer.checkedAddress(r.email());
        if (email != null && !mailer.enabled()) {
            throw Errors.invalid("This Keybridge has no SMTP server to send e-mail with (KEYBRIDGE_SMTP_HOST); make the "
                    + "link without 'email' and hand it to the end user yourself.");
        }
        LinkTokens.CreatedToken t = links.reconnect(caller, r.connectionId(), r.lifetime(), r.language());
        String id = "rl_" + Ids.objectId();
        String url = publicUrl.get() + "/link?token=" + t.token();
        Connection linked = connections.find(caller.orgId(), caller.environment(), r.connectionId()).orElseThrow();
        tx.executeWithoutResult(s -> {
            store.insert(id, caller.orgId(), caller.environment(), r.connectionId(), t.sessionId(), email, r.language(),
                    createdBy, t.expiration());
            events.emit(caller.orgId(), caller.environment(), EventType.RECONNECT_LINK_CREATED,
                    new EventData.ReconnectLinkCreated(id, r.connectionId(), accounts.externalId(linked.linkedAccountId()),
                            linked.appSlug(), Timestamps.format(t.expiration()), email, r.language()));
        });
        if (email != null) {
            Connection c = linked;
            Locale locale = r.language() == null ? Locale.ENGLISH : Locale.forLanguageTag(r.language());
            String host = host(caller, locale);
            String app = apps.require(caller.orgId(), caller.environment(), c.appSlug()).name();
            String subject = messages.getMessage("email.reconnect.subject", new Object[] {host, app}, locale);
            String body = messages.getMessage("email.reconnect.body",
                    new Object[] {host, app, url, WHEN.format(t.expiration())}, locale);
            store.sent(caller.orgId(), id, mailer.send(email, subject, body));
        }
        return store.find(caller.orgId(), caller.environment(), id).orElseThrow().withUrl(url);
    }

    /**
     * The link's URL again, with a new link token (the one handed out before stops working): for the host's own
     * channel after {@code reconnect_link.created}. 409 once the link is completed or expired.
     */
    public ReconnectLink url(Caller caller, String id) {
        ReconnectLink link = store.find(caller.orgId(), caller.environment(), id)
                .orElseThrow(() -> Errors.notFound("reconnect_link", id));
        String session = store.sessionOf(caller.orgId(), id);
        LinkTokens.CreatedToken t = links.reissue(caller, session).orElseThrow(() -> new Errors.Conflict(
                "reconnect_link_finished", "This reconnect link is " + link.state() + "; make a new one."));
        return link.withUrl(publicUrl.get() + "/link?token=" + t.token());
    }

    /** The name the end user knows the host by: Link's display name, else the organization's, else "This app" (as Link says). */
    private String host(Caller caller, Locale locale) {
        String name = linkSettings.branding(caller.orgId(), caller.environment()).displayName();
        if (name == null || name.isBlank()) {
            name = tenancy.requireOrganization(caller.orgId()).name();
        }
        return name == null || name.isBlank() ? messages.getMessage("brand.default", null, locale) : name;
    }
}
