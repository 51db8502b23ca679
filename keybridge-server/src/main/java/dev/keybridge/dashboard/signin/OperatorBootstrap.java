package dev.keybridge.dashboard.signin;

import dev.keybridge.catalog.PublicUrl;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.config.SecretFiles;
import dev.keybridge.tenancy.Bootstrap;
import dev.keybridge.tenancy.Organization;
import dev.keybridge.tenancy.TenancyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The first owner: once the server listens (so its address is known), a default organization with
 * no operator and no live setup link gets a one-time setup link, written as
 * {@code dashboard_setup_url} into {@code bootstrap-credentials.json} (mode 0600), never into the log.
 * Whoever opens it first chooses the owner's e-mail address and password.
 */
@Component
class OperatorBootstrap {

    private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);

    private final TenancyStore tenancy;
    private final OperatorStore operators;
    private final Invites invites;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PublicUrl publicUrl;
    private final JsonMapper json;
    private final KeybridgeSettings settings;

    OperatorBootstrap(TenancyStore tenancy, OperatorStore operators, Invites invites, JdbcClient jdbc,
                      TransactionTemplate tx, PublicUrl publicUrl, JsonMapper json, KeybridgeSettings settings) {
        this.tenancy = tenancy;
        this.operators = operators;
        this.invites = invites;
        this.jdbc = jdbc;
        this.tx = tx;
        this.publicUrl = publicUrl;
        this.json = json;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void firstOwner() {
        if (!settings.dashboard().enabled()) {
            return;
        }
        String token = tx.execute(s -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('keybridge.dashboard.bootstrap'))").query().singleValue();
            Organization org = tenancy.findDefaultOrganization().orElse(null);
            if (org == null || operators.anyOperator(org.id()) || invites.liveOwnerInvite(org.id())) {
                return null;
            }
            return invites.issue(org.id(), null, Role.OWNER).token();
        });
        if (token != null) {
            write(publicUrl.get() + "/dashboard/setup?token=" + token);
        }
    }

    private void write(String setupUrl) {
        Path file = settings.dataDir().toAbsolutePath().normalize().resolve(Bootstrap.FILE);
        try {
            ObjectNode doc = Files.exists(file) ? (ObjectNode) json.readTree(Files.readString(file)) : json.createObjectNode();
            doc.put("dashboard_setup_url", setupUrl);
            SecretFiles.writePrivate(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
        log.info("The dashboard's first owner can sign up with the one-time link in {}", file);
    }
}
