package dev.keybridge.tenancy;

import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates organizations and issues, lists and revokes their credentials. */
@Service
public class TenancyService {

    /** A new organization with one API key and one client pair per environment. */
    public record CreatedOrganization(Organization organization, Map<Environment, List<IssuedCredential>> credentials) {}

    private final TenancyStore store;
    private final TransactionTemplate tx;
    private final Clock clock;

    public TenancyService(TenancyStore store, TransactionTemplate tx, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.tx = tx;
    }

    public CreatedOrganization createOrganization(String name, boolean isDefault) {
        return tx.execute(status -> {
            Organization org = new Organization(Ids.objectId(), name, isDefault, clock.instant());
            store.insertOrganization(org);
            Map<Environment, List<IssuedCredential>> credentials = new LinkedHashMap<>();
            for (Environment env : Environment.values()) {
                credentials.put(env, List.of(
                        issue(org.id(), env, CredentialKind.API_KEY, "default"),
                        issue(org.id(), env, CredentialKind.CLIENT, "default")));
            }
            return new CreatedOrganization(org, credentials);
        });
    }

    public IssuedCredential issue(String orgId, Environment env, CredentialKind kind, String name) {
        requireOrganization(orgId);
        String id = "cred_" + Ids.objectId();
        if (kind == CredentialKind.API_KEY) {
            String key = Secrets.newApiKey(env);
            store.insertCredential(id, orgId, env, kind, null, Secrets.hash(key), Secrets.hint(key), name);
            return new IssuedCredential(id, env.wire(), kind.wire(), key, null, null);
        }
        String clientId = Secrets.newClientId(env);
        String secret = Secrets.newClientSecret(env);
        store.insertCredential(id, orgId, env, kind, clientId, Secrets.hash(secret), Secrets.hint(secret), name);
        return new IssuedCredential(id, env.wire(), kind.wire(), null, clientId, secret);
    }

    /** Stores preset credentials (bootstrap); does nothing for a secret that is already stored. */
    public void presetTestCredentials(String orgId, String apiKey, String clientId, String clientSecret) {
        tx.executeWithoutResult(status -> {
            if (!store.credentialExists(Secrets.hash(apiKey))) {
                store.insertCredential("cred_" + Ids.objectId(), orgId, Environment.TEST, CredentialKind.API_KEY,
                        null, Secrets.hash(apiKey), Secrets.hint(apiKey), "bootstrap");
            }
            if (!store.credentialExists(Secrets.hash(clientSecret))) {
                store.insertCredential("cred_" + Ids.objectId(), orgId, Environment.TEST, CredentialKind.CLIENT,
                        clientId, Secrets.hash(clientSecret), Secrets.hint(clientSecret), "bootstrap");
            }
        });
    }

    public List<CredentialInfo> credentials(String orgId) {
        requireOrganization(orgId);
        return store.listCredentials(orgId);
    }

    public void revoke(String orgId, String credentialId) {
        requireOrganization(orgId);
        if (!store.revoke(orgId, credentialId)) {
            throw Errors.notFound("live credential", credentialId);
        }
    }

    public Organization requireOrganization(String orgId) {
        return store.findOrganization(orgId).orElseThrow(() -> Errors.notFound("organization", orgId));
    }
}
