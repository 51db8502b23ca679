package dev.keybridge.database;

import dev.keybridge.web.Errors;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognizes, among exceptions, "every database connection is busy" (the server is overloaded) and "the
 * database cannot be reached right now", and the errors they become. Overload is asked first: its
 * exception arrives wrapped in the same Spring exceptions as a connection failure.
 */
public final class DatabaseOutage {

    /** Seconds a client is asked to wait ({@code Retry-After}). */
    static final long RETRY_AFTER_SECONDS = 5;

    /** Seconds an overloaded server asks a client to wait: the queue moves in milliseconds, not seconds. */
    static final long OVERLOADED_RETRY_AFTER_SECONDS = 1;

    /**
     * What the pool's proxy says (with no SQL state) when the connection under it was evicted because
     * it broke, e.g. a rollback after the commit failed on a dead connection.
     */
    private static final String HIKARI_EVICTED = "Connection is closed";

    private DatabaseOutage() {}

    /**
     * Whether the work gave up waiting for a busy pool ({@link DatabaseGate.Busy} somewhere in the causes):
     * the one test for overload, also for code that must not mistake it for an outage (rate limits).
     */
    public static boolean isOverload(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DatabaseGate.Busy) {
                return true;
            }
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null
                    && tx.getApplicationException() != error && isOverload(tx.getApplicationException())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static boolean isOutage(Throwable error) {
        if (isOverload(error)) {
            return false;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null
                    && tx.getApplicationException() != error && isOutage(tx.getApplicationException())) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && isConnectionState(sql.getSQLState())) {
                return true;
            }
            if (t instanceof SQLException sql && HIKARI_EVICTED.equals(sql.getMessage())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** 08: connection exception; 57P01–57P03: shutting down, crashed, not yet accepting connections. */
    private static boolean isConnectionState(String state) {
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }

    static Errors.Overloaded overloaded() {
        return new Errors.Overloaded("The server is busy: every database connection stayed in use while this request "
                + "waited its turn; retry after the Retry-After delay.", OVERLOADED_RETRY_AFTER_SECONDS);
    }

    static Errors.Unavailable error() {
        return new Errors.Unavailable("database_unavailable",
                "The database is not reachable right now; retry in a few seconds.", RETRY_AFTER_SECONDS);
    }
}
