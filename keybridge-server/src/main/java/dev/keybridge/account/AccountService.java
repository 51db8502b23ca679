package dev.keybridge.account;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.events.EventData;
import dev.keybridge.events.EventType;
import dev.keybridge.events.Events;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.vault.SealedColumn;
import dev.keybridge.vault.Vault;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import dev.keybridge.web.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Upserts, creates, reads and deletes linked accounts. Each write is one transaction that locks the
 * account row, merges, writes only when something changed, and emits its event in the same
 * transaction.
 */
@Service
public class AccountService {

    /** What a write did. */
    record Outcome(LinkedAccount account, boolean created, boolean changed) {}

    private final AccountStore store;
    private final Events events;
    private final Vault vault;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final KeybridgeSettings.Limits limits;
    private final Clock clock;
    private final ObjectProvider<AccountDeletion> deletions;

    AccountService(AccountStore store, Events events, Vault vault, TransactionTemplate tx, JsonMapper json,
                   KeybridgeSettings settings, Clock clock, ObjectProvider<AccountDeletion> deletions) {
        this.clock = clock;
        this.deletions = deletions; // a provider: the connection package's hook itself needs this service
        this.store = store;
        this.events = events;
        this.vault = vault;
        this.tx = tx;
        this.json = json;
        this.limits = settings.limits();
    }

    Outcome upsert(Caller caller, AccountInput in) {
        return tx.execute(status -> {
            Optional<LinkedAccount> existing = store.findForUpdate(caller.orgId(), caller.environment(), in.linkedAccountId());
            if (existing.isEmpty()) {
                LinkedAccount fresh = fresh(caller, in);
                if (store.insertIfAbsent(fresh)) {
                    created(fresh);
                    return new Outcome(fresh, true, true);
                }
                // Another request created it between our read and our insert; merge into theirs.
                existing = store.findForUpdate(caller.orgId(), caller.environment(), in.linkedAccountId());
            }
            LinkedAccount current = existing.orElseThrow();
            LinkedAccount merged = merge(current, in);
            if (merged == current) {
                return new Outcome(current, false, false);
            }
            store.update(merged);
            events.emit(merged.orgId(), merged.environment(), EventType.LINKED_ACCOUNT_UPDATED, AccountView.of(merged));
            return new Outcome(merged, false, true);
        });
    }

    /** Creates the account; 409 when the id is taken. */
    LinkedAccount create(Caller caller, AccountInput in) {
        return tx.execute(status -> {
            LinkedAccount fresh = fresh(caller, in);
            if (!store.insertIfAbsent(fresh)) {
                throw new Errors.Conflict("linked_account_exists",
                        "A linked account with linked_account_id '" + in.linkedAccountId() + "' already exists.");
            }
            created(fresh);
            return fresh;
        });
    }

    /**
     * The account, created (with its event) when missing: Link, the sandbox and credential import create
     * accounts on demand, never with an id outside the one id rule ({@link Ids#chosen}).
     */
    public LinkedAccount findOrCreate(Caller caller, String externalId) {
        checkedId("linked_account_id", externalId);
        return upsert(caller, new AccountInput(externalId, false, null, Map.of(), false, null)).account();
    }

    /**
     * A {@code linked_account_id} as a caller sent it (path, header, query or body) held to the one id
     * rule ({@link Ids#chosen}, the {@code maxIdLength} limit): a 400 naming {@code field} when it breaks it.
     */
    public String checkedId(String field, String externalId) {
        return Ids.chosen(field, externalId, limits.maxIdLength());
    }

    /** As {@link #checkedId}, for a {@code linked_account_id} header (percent-encoded when it holds '%'). */
    public String checkedHeaderId(String field, String header) {
        return Ids.chosenFromHeader(field, header, limits.maxIdLength());
    }

    /**
     * The caller's id ({@code linked_account_id}) of a linked account known by its internal id (as
     * connections and Link sessions reference it); null when it was deleted meanwhile.
     */
    public String externalId(String internalId) {
        return store.externalId(internalId).orElse(null);
    }

    /**
     * Inside a transaction that inserts a row referencing {@code account}: keeps the account from being
     * deleted until the transaction ends, so the insert cannot meet an account deleted meanwhile (a
     * foreign-key violation); 404 when it is gone already.
     */
    public void hold(LinkedAccount account) {
        if (!store.holdAgainstDelete(account.id())) {
            throw Errors.notFound("linked account", account.externalId());
        }
    }

    public LinkedAccount get(Caller caller, String externalId) {
        return store.find(caller.orgId(), caller.environment(), externalId)
                .orElseThrow(() -> Errors.notFound("linked account", externalId));
    }

    /**
     * One page of the caller's accounts in id order after {@code afterId} (null: the first), filtered
     * by a prefix of the caller's id or of the name (null: no filter). Keyset paging: no offset, so a
     * late page costs what the first does.
     */
    public List<LinkedAccount> page(Caller caller, String idPrefix, String namePrefix, String afterId, int limit) {
        return store.page(caller.orgId(), caller.environment(), new AccountStore.Filter(null, idPrefix, namePrefix),
                afterId, 0, limit);
    }

    /** How many linked accounts the caller's environment holds. */
    public long count(Caller caller) {
        return store.count(caller.orgId(), caller.environment(), new AccountStore.Filter(null, null, null));
    }

    /**
     * Deletes the account with what hangs off it: each {@link AccountDeletion} runs first (its
     * {@code connection.deleted} events), then the row goes and {@code linked_account.deleted} is emitted,
     * all in one transaction.
     */
    public LinkedAccount delete(Caller caller, String externalId) {
        return tx.execute(status -> {
            LinkedAccount locked = store.findForUpdate(caller.orgId(), caller.environment(), externalId)
                    .orElseThrow(() -> Errors.notFound("linked account", externalId));
            deletions.orderedStream().forEach(d -> d.deleting(locked));
            LinkedAccount gone = store.delete(caller.orgId(), caller.environment(), externalId)
                    .orElseThrow(() -> Errors.notFound("linked account", externalId));
            events.emit(gone.orgId(), gone.environment(), EventType.LINKED_ACCOUNT_DELETED,
                    new EventData.LinkedAccountDeleted(gone.id(), gone.externalId()));
            return gone;
        });
    }

    /** The one place {@code linked_account.created} is emitted. */
    private void created(LinkedAccount account) {
        events.emit(account.orgId(), account.environment(), EventType.LINKED_ACCOUNT_CREATED, AccountView.of(account));
    }

    private LinkedAccount fresh(Caller caller, AccountInput in) {
        Instant now = clock.instant();
        String id = Ids.objectId();
        String stamp = Timestamps.format(now);
        List<UdfEntry> udf = new ArrayList<>();
        in.udf().forEach((key, value) -> {
            if (!value.isNull()) {
                udf.add(new UdfEntry(key, value, Ids.objectId(), stamp, stamp));
            }
        });
        LinkedAccount.YourApp app = null;
        if (in.yourApp() != null) {
            app = withCredentials(caller.orgId(), caller.environment(), id, in.yourApp().appId(), in.yourApp().credentials());
        }
        return new LinkedAccount(id, caller.orgId(), caller.environment(), in.linkedAccountId(), in.name(), udf, app,
                now, now, 0);
    }

    /** The merged account, or {@code current} itself when the input changes nothing. */
    private LinkedAccount merge(LinkedAccount current, AccountInput in) {
        Instant now = clock.instant();
        String stamp = Timestamps.format(now);
        boolean changed = false;

        String name = current.name();
        if (in.nameSent() && !Objects.equals(name, in.name())) {
            name = in.name();
            changed = true;
        }

        Map<String, UdfEntry> udf = new LinkedHashMap<>();
        current.udf().forEach(e -> udf.put(e.keyName(), e));
        for (Map.Entry<String, JsonNode> patch : in.udf().entrySet()) {
            UdfEntry old = udf.get(patch.getKey());
            JsonNode value = patch.getValue();
            if (value.isNull()) {
                changed |= udf.remove(patch.getKey()) != null;
            } else if (old == null) {
                udf.put(patch.getKey(), new UdfEntry(patch.getKey(), value, Ids.objectId(), stamp, stamp));
                changed = true;
            } else if (!old.keyValue().equals(value)) {
                udf.put(patch.getKey(), old.withValue(value, stamp));
                changed = true;
            }
        }
        if (udf.size() > limits.maxUdfKeys()) {
            throw Errors.invalid("The account would have more than " + limits.maxUdfKeys() + " udf keys.");
        }

        LinkedAccount.YourApp app = current.yourApp();
        if (in.yourAppSent()) {
            LinkedAccount.YourApp next = mergeApp(current, in.yourApp());
            if (next != app) {
                app = next;
                changed = true;
            }
        }
        if (!changed) {
            return current;
        }
        return new LinkedAccount(current.id(), current.orgId(), current.environment(), current.externalId(), name,
                List.copyOf(udf.values()), app, current.createdAt(), now, current.version() + 1);
    }

    /** The new your_app, or the current object itself when nothing changes. */
    private LinkedAccount.YourApp mergeApp(LinkedAccount current, AccountInput.YourAppInput in) {
        LinkedAccount.YourApp app = current.yourApp();
        if (in == null) {
            return null;
        }
        JsonNode credentials = in.credentials();
        if (credentials == null) {
            // Credentials not sent: keep what is stored, change only the app id.
            if (app != null && app.appId().equals(in.appId())) {
                return app;
            }
            return app == null ? new LinkedAccount.YourApp(in.appId(), null, null)
                    : new LinkedAccount.YourApp(in.appId(), app.credentialsCiphertext(), app.credentialKeys());
        }
        if (app != null && app.appId().equals(in.appId()) && sameCredentials(current, credentials)) {
            return app;
        }
        return withCredentials(current.orgId(), current.environment(), current.id(), in.appId(), credentials);
    }

    private boolean sameCredentials(LinkedAccount current, JsonNode credentials) {
        byte[] stored = current.yourApp().credentialsCiphertext();
        if (stored == null) {
            return credentials.isNull();
        }
        if (credentials.isNull()) {
            return false;
        }
        byte[] plain = vault.decrypt(stored, context(current.orgId(), current.environment().wire(), current.id()));
        return json.readTree(plain).equals(credentials);
    }

    private LinkedAccount.YourApp withCredentials(String orgId, Environment env, String accountId, String appId,
                                                  JsonNode credentials) {
        if (credentials == null || credentials.isNull()) {
            return new LinkedAccount.YourApp(appId, null, null);
        }
        byte[] plain = json.writeValueAsString(credentials).getBytes(StandardCharsets.UTF_8);
        byte[] sealed = vault.encrypt(plain, context(orgId, env.wire(), accountId));
        return new LinkedAccount.YourApp(appId, sealed, List.copyOf(credentials.propertyNames()));
    }

    private static byte[] context(String orgId, String env, String accountId) {
        return Vault.context("linked_account.auth_credentials", orgId, env, accountId);
    }

    /** For master-key rotation: where these ciphertexts live and how their context is built. */
    @Bean
    static SealedColumn authCredentialsColumn() {
        return new SealedColumn("linked_account", "auth_credentials_ciphertext", List.of("id"),
                List.of("org_id", "environment"), r -> context(r.string("org_id"), r.string("environment"), r.string("id")));
    }
}
