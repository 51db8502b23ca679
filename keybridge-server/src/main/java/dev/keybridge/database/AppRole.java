package dev.keybridge.database;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded PostgreSQL's application role: may log in, owns the application's schema and
 * tables, and nothing more (not a superuser, no role or database creation, no file access), so a
 * query that asks the server to read a file ({@code pg_read_file}) is refused.
 */
final class AppRole {

    static final String NAME = "keybridge";

    private AppRole() {}

    /** Creates or repairs the role, sets its password and hands it the public schema and everything in it. */
    static void ensure(Connection superuser, EmbeddedCredentials credentials) throws IOException {
        try (superuser; Statement s = superuser.createStatement()) {
            s.execute("""
                    do $$ begin
                      if not exists (select from pg_roles where rolname = '%1$s') then
                        create role %1$s login;
                      end if;
                    end $$""".formatted(NAME));
            s.execute("alter role " + NAME + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls");
            setPassword(superuser, NAME, credentials.appPassword());
            s.execute("alter database " + EmbeddedServer.DATABASE + " owner to " + NAME);
            s.execute("alter schema public owner to " + NAME);
            s.execute(handOverExistingObjects());
        } catch (SQLException e) {
            throw new IOException("Could not prepare the embedded PostgreSQL application role: " + e.getMessage(), e);
        }
    }

    /** Sets a role's password; the password is generated hex, so it needs no quoting beyond the literal. */
    static void setPassword(Connection c, String role, String password) throws SQLException {
        if (!password.matches("[0-9a-f]{16,}")) {
            throw new SQLException("generated password has an unexpected form");
        }
        try (Statement s = c.createStatement()) {
            s.execute("set log_statement = 'none'");
            s.execute("alter role " + role + " password '" + password + "'");
        }
    }

    /**
     * Tables, views and free-standing sequences in {@code public} made by an older Keybridge as the
     * superuser become the application role's (identity sequences follow their tables).
     */
    private static String handOverExistingObjects() {
        return """
                do $$ declare r record; begin
                  for r in select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
                           where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
                             and c.relowner <> (select oid from pg_roles where rolname = '%1$s') loop
                    execute format('alter %%s public.%%I owner to %1$s',
                        case r.relkind when 'v' then 'view' when 'm' then 'materialized view' else 'table' end, r.relname);
                  end loop;
                  for r in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                           where n.nspname = 'public' and c.relkind = 'S'
                             and c.relowner <> (select oid from pg_roles where rolname = '%1$s')
                             and not exists (select from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i')) loop
                    execute format('alter sequence public.%%I owner to %1$s', r.relname);
                  end loop;
                end $$""".formatted(NAME);
    }
}
