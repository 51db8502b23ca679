package dev.keybridge.userconfig;

import dev.keybridge.account.AccountService;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.events.EventData;
import dev.keybridge.events.EventType;
import dev.keybridge.events.Events;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Configs: find-or-create, update, read, delete. Each write is one transaction that locks the config
 * row, checks every value against the app's schema before writing anything, and emits
 * {@code config.updated} / {@code config.deleted} in the same transaction.
 */
@Service
class ConfigService {

    /** Which config a call is about: the linked account (caller's id), the app, the config id. */
    record Key(String linkedAccountId, String slug, String configId) {}

    private final ConfigStore store;
    private final SchemaStore schemas;
    private final AccountService accounts;
    private final AppSettings apps;
    private final Events events;
    private final TransactionTemplate tx;
    private final Clock clock;

    ConfigService(ConfigStore store, SchemaStore schemas, AccountService accounts, AppSettings apps, Events events,
                  TransactionTemplate tx, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.schemas = schemas;
        this.accounts = accounts;
        this.apps = apps;
        this.events = events;
        this.tx = tx;
    }

    ConfigView findOrCreate(Caller caller, Key key, Labels labels) {
        LinkedAccount account = account(caller, key);
        ConfigSchema schema = schema(caller, key.slug());
        return tx.execute(status -> {
            UserConfig found = store.find(caller.orgId(), caller.environment(), account.id(), key.slug(), key.configId(), true)
                    .orElse(null);
            if (found == null) {
                accounts.hold(account); // deleted since it was read: 404, not the insert's foreign-key violation
                Instant now = clock.instant();
                UserConfig fresh = new UserConfig("cfg_" + Ids.objectId(), caller.orgId(), caller.environment(), account.id(),
                        account.externalId(), key.slug(), key.configId(), labels == null ? Labels.NONE : labels,
                        Map.of(), Map.of(), now, now);
                if (store.insertIfAbsent(fresh)) {
                    return emitUpdated(fresh, schema);
                }
                found = store.find(caller.orgId(), caller.environment(), account.id(), key.slug(), key.configId(), true)
                        .orElseThrow();
            }
            if (labels == null || labels.equals(found.labels())) {
                return ConfigView.of(found, schema);
            }
            UserConfig relabeled = new UserConfig(found.id(), found.orgId(), found.environment(), found.accountId(),
                    found.accountExternalId(), found.slug(), found.configId(), labels, found.values(), found.workflows(),
                    found.createdAt(), clock.instant());
            store.update(relabeled);
            return emitUpdated(relabeled, schema);
        });
    }

    ConfigView update(Caller caller, Key key, ConfigChange change) {
        LinkedAccount account = account(caller, key);
        ConfigSchema schema = schema(caller, key.slug());
        return tx.execute(status -> {
            UserConfig current = require(caller, account, key, true);
            UserConfig next = change.applyTo(current, schema, clock.instant());
            store.update(next);
            return emitUpdated(next, schema);
        });
    }

    ConfigView get(Caller caller, Key key) {
        LinkedAccount account = account(caller, key);
        return ConfigView.of(require(caller, account, key, false), schema(caller, key.slug()));
    }

    ConfigView.Deleted delete(Caller caller, Key key) {
        LinkedAccount account = account(caller, key);
        return tx.execute(status -> {
            UserConfig gone = require(caller, account, key, true);
            store.delete(gone);
            events.emit(gone.orgId(), gone.environment(), EventType.CONFIG_DELETED,
                    new EventData.ConfigDeleted(gone.id(), gone.configId(), gone.slug(), gone.accountExternalId()));
            return new ConfigView.Deleted(gone.id(), gone.configId(), gone.slug(), gone.accountExternalId(), true, true);
        });
    }

    private ConfigView emitUpdated(UserConfig c, ConfigSchema schema) {
        ConfigView view = ConfigView.of(c, schema);
        events.emit(c.orgId(), c.environment(), EventType.CONFIG_UPDATED, view);
        return view;
    }

    private UserConfig require(Caller caller, LinkedAccount account, Key key, boolean lock) {
        return store.find(caller.orgId(), caller.environment(), account.id(), key.slug(), key.configId(), lock)
                .orElseThrow(() -> new Errors.NotFound("config_not_found", "Linked account '" + account.externalId()
                        + "' has no config '" + key.configId() + "' for '" + key.slug() + "'. Create it with POST first."));
    }

    private LinkedAccount account(Caller caller, Key key) {
        if (!caller.allowsApp(key.slug())) {
            throw new Errors.Forbidden("app_not_in_token_scope",
                    "This session token is limited to other apps; it cannot use '" + key.slug() + "'.");
        }
        apps.require(caller.orgId(), caller.environment(), key.slug());
        return accounts.get(caller, key.linkedAccountId());
    }

    private ConfigSchema schema(Caller caller, String slug) {
        return schemas.find(caller.orgId(), caller.environment(), slug).orElse(ConfigSchema.empty(slug));
    }
}
