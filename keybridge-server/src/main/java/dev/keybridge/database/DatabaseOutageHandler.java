package dev.keybridge.database;

import dev.keybridge.web.ApiException;
import dev.keybridge.web.ErrorBody;
import dev.keybridge.web.ErrorType;
import dev.keybridge.web.ErrorWriter;
import dev.keybridge.web.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that cannot get a database connection is answered at once in the error shape
 * ({@code error_type: internal}, {@code Retry-After}): {@code 503 overloaded} when every connection stayed
 * busy while it waited its turn ({@link DatabaseGate}), {@code 503 database_unavailable} when the
 * database is unreachable; from controllers (the advice, ahead of the catch-all 500) and from filters
 * that read the database before them, such as credential lookup (the filter).
 */
final class DatabaseOutageHandler {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageHandler.class);

    private DatabaseOutageHandler() {}

    /** The answer for {@code e}, or null when it is neither overload nor outage; logs it. */
    static ApiException answer(Throwable e, HttpServletRequest request, OverloadLog overloads) {
        if (DatabaseOutage.isOverload(e)) {
            overloads.count(request);
            return DatabaseOutage.overloaded();
        }
        if (DatabaseOutage.isOutage(e)) {
            log.warn("Database unreachable during {} {}: {}", request.getMethod(), request.getRequestURI(),
                    e.getClass().getSimpleName());
            return DatabaseOutage.error();
        }
        return null;
    }

    @RestControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Advice {
        private final OverloadLog overloads;

        Advice(OverloadLog overloads) {
            this.overloads = overloads;
        }

        @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
                TransientDataAccessResourceException.class, TransactionSystemException.class,
                UncategorizedSQLException.class})
        ResponseEntity<ErrorBody> unavailable(Exception e, HttpServletRequest request) {
            ApiException answer = answer(e, request, overloads);
            if (answer == null) {
                // a commit or statement cut off by something else is the catch-all's unexpected error
                log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
                return ResponseEntity.status(500).body(ErrorBody.of("internal_error", ErrorType.INTERNAL,
                        "Something went wrong on our side. Quote the request id when reporting it.", RequestIds.current(request)));
            }
            return ResponseEntity.status(answer.status())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(((ApiException.RetryLater) answer).retryAfterSeconds()))
                    .body(ErrorBody.of(answer, RequestIds.current(request)));
        }
    }

    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE + 5)
    static class Filter extends OncePerRequestFilter {
        private final ErrorWriter errors;
        private final OverloadLog overloads;

        Filter(ErrorWriter errors, OverloadLog overloads) {
            this.errors = errors;
            this.overloads = overloads;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            try {
                chain.doFilter(request, response);
            } catch (RuntimeException | ServletException e) {
                ApiException answer = answer(e, request, overloads);
                if (answer == null) {
                    throw e;
                }
                errors.write(request, response, answer);
            }
        }
    }

    /** Overload answers, logged at most once every 10 s with how many there were since (a busy node must not flood its log). */
    @Component
    static class OverloadLog {
        private static final Duration EVERY = Duration.ofSeconds(10);
        private final Clock clock;
        private final AtomicLong since = new AtomicLong();
        private final AtomicReference<Instant> last = new AtomicReference<>(Instant.MIN);

        OverloadLog(Clock clock) {
            this.clock = clock;
        }

        void count(HttpServletRequest request) {
            long n = since.incrementAndGet();
            Instant now = clock.instant();
            Instant before = last.get();
            if (!now.isBefore(before.plus(EVERY)) && last.compareAndSet(before, now)) {
                since.addAndGet(-n);
                log.warn("Overloaded: every database connection stayed busy; {} request(s) answered 503 overloaded "
                        + "since the last such line (latest: {} {})", n, request.getMethod(), request.getRequestURI());
            }
        }
    }
}
