package dev.keybridge.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL the tests use, one per JVM: a fresh database on the server named by
 * {@code KEYBRIDGE_TEST_DATABASE_URL} (dropped when the JVM exits), or else an embedded PostgreSQL
 * in a temporary directory.
 */
public final class TestDatabase {

    private static TestDatabase instance;

    private final String serverUrl;
    private final EmbeddedPostgres embedded;

    private TestDatabase(String serverUrl, EmbeddedPostgres embedded) {
        this.serverUrl = serverUrl;
        this.embedded = embedded;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            String external = System.getenv("KEYBRIDGE_TEST_DATABASE_URL");
            if (external != null && !external.isBlank()) {
                instance = new TestDatabase(external, null);
            } else {
                try {
                    EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
                    instance = new TestDatabase(pg.getJdbcUrl("postgres", "postgres"), pg);
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            pg.close();
                        } catch (IOException ignored) {
                            // the JVM is going away
                        }
                    }));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return instance;
    }

    /** Whether the tests run against an outside server rather than embedded PostgreSQL. */
    public boolean isExternal() {
        return embedded == null;
    }

    /** Creates a new empty database and returns its JDBC URL; it is dropped when the JVM exits. */
    public String createDatabase() {
        String name = "kb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute("create database " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute("drop database if exists " + name + " with (force)");
            } catch (RuntimeException ignored) {
                // best effort
            }
        }));
        return withDatabase(serverUrl, name);
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "' on the test server", e);
        }
    }

    static String withDatabase(String url, String database) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        String hostPart = slash < 0 ? base : base.substring(0, slash);
        return hostPart + "/" + database + query;
    }
}
