package dev.keybridge.database;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The way into the pool: a fair (first come, first served) semaphore with one permit per pooled
 * connection, taken before a connection is asked for and given back when it is closed. Work that finds
 * every connection busy waits its turn in order, at most {@code KEYBRIDGE_DATABASE_QUEUE_WAIT}, and then
 * fails with {@link Busy}: {@code 503 overloaded}. Holding a permit means a pooled connection is free,
 * so a pool that still cannot hand one out within {@code KEYBRIDGE_DATABASE_CONNECTION_TIMEOUT} means
 * the database cannot be reached: {@code 503 database_unavailable}. The two never look alike.
 * (HikariCP's own wait is not first come, first served: under load a request that arrives later can
 * take the connection a long waiter was about to get, and the long waiter then ran into the connection
 * timeout, which looked like an outage.) While the database is unreachable (the last connection asked
 * for did not come), work that finds every connection busy does not queue at all: it fails at once
 * with the outage, and only the work holding permits keeps trying, so the first connection that comes
 * ends the outage.
 */
final class DatabaseGate extends DelegatingDataSource implements AutoCloseable {

    /** Every connection is busy and the wait for one ran out: the server is overloaded, not the database away. */
    static final class Busy extends SQLTransientException {
        Busy(int connections, Duration waited) {
            super("All " + connections + " database connections stayed busy for " + waited.toMillis() + " ms");
        }
    }

    private final Semaphore permits;
    private final int connections;
    private final Duration queueWait;
    private volatile boolean unreachable;
    private final AtomicLong overloaded = new AtomicLong();

    DatabaseGate(DataSource pool, int connections, Duration queueWait) {
        super(pool);
        this.connections = connections;
        this.permits = new Semaphore(connections, true);
        this.queueWait = queueWait;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(null, null);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connect(username, password);
    }

    private Connection connect(String username, String password) throws SQLException {
        admit();
        try {
            Connection c = username == null ? obtainTargetDataSource().getConnection()
                    : obtainTargetDataSource().getConnection(username, password);
            unreachable = false;
            return released(c);
        } catch (SQLException | RuntimeException | Error e) {
            permits.release();
            if (DatabaseOutage.isOutage(e)) {
                unreachable = true;
            }
            throw e;
        }
    }

    /** Work waiting for a connection now (metric {@code keybridge_database_waiting}). */
    int waiting() {
        return permits.getQueueLength();
    }

    /** Waits that ran out since the start (metric {@code keybridge_database_overloaded_total}). */
    long overloaded() {
        return overloaded.get();
    }

    private void admit() throws SQLException {
        try {
            // the timed form keeps the queue's order even at 0 (the untimed tryAcquire would barge)
            boolean away = unreachable;
            if (!permits.tryAcquire(away ? 0 : queueWait.toNanos(), TimeUnit.NANOSECONDS)) {
                if (away) {
                    throw new SQLTransientConnectionException("The database was unreachable at the last attempt");
                }
                overloaded.incrementAndGet();
                throw new Busy(connections, queueWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientException("Interrupted while waiting for a database connection", e);
        }
    }

    /** The connection, whose first {@code close()} also gives the permit back. */
    private Connection released(Connection target) {
        AtomicBoolean closed = new AtomicBoolean();
        InvocationHandler handler = (proxy, method, args) -> invoke(target, closed, proxy, method, args);
        return (Connection) Proxy.newProxyInstance(DatabaseGate.class.getClassLoader(),
                new Class<?>[] {ConnectionProxy.class}, handler);
    }

    private Object invoke(Connection target, AtomicBoolean closed, Object proxy, Method method, Object[] args)
            throws Throwable {
        switch (method.getName()) {
            case "getTargetConnection":
                return target;
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "Gated " + target;
            case "close":
                try {
                    target.close();
                } finally {
                    if (closed.compareAndSet(false, true)) {
                        permits.release();
                    }
                }
                return null;
            default:
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getTargetException();
                }
        }
    }

    @Override
    public void close() throws Exception {
        if (obtainTargetDataSource() instanceof AutoCloseable pool) {
            pool.close();
        }
    }
}
