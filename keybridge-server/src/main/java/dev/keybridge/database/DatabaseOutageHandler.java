package dev.keybridge.database;

import dev.keybridge.web.ErrorBody;
import dev.keybridge.web.ErrorWriter;
import dev.keybridge.web.Errors;
import dev.keybridge.web.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.jdbc.UncategorizedSQLException;
import dev.keybridge.web.ErrorType;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that needs the database while it is unreachable is answered at once with
 * {@code 503 database_unavailable} ({@code error_type: internal}, {@code Retry-After}) in the error
 * shape: from controllers (the advice, ahead of the catch-all 500) and from filters that read the
 * database before them, such as credential lookup (the filter).
 */
final class DatabaseOutageHandler {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageHandler.class);

    private DatabaseOutageHandler() {}

    @RestControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Advice {
        @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
                TransientDataAccessResourceException.class})
        ResponseEntity<ErrorBody> unavailable(Exception e, HttpServletRequest request) {
            return outage(e, request);
        }

        /**
         * A commit or statement cut off by the database going away arrives wrapped in these; any other
         * cause is the same unexpected error the catch-all answers.
         */
        @ExceptionHandler({TransactionSystemException.class, UncategorizedSQLException.class})
        ResponseEntity<ErrorBody> maybe(Exception e, HttpServletRequest request) {
            if (DatabaseOutage.isOutage(e)) {
                return outage(e, request);
            }
            log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
            return ResponseEntity.status(500).body(ErrorBody.of("internal_error", ErrorType.INTERNAL,
                    "Something went wrong on our side. Quote the request id when reporting it.", RequestIds.current(request)));
        }

        private ResponseEntity<ErrorBody> outage(Exception e, HttpServletRequest request) {
            log.warn("Database unreachable during {} {}: {}", request.getMethod(), request.getRequestURI(), e.getClass().getSimpleName());
            Errors.Unavailable error = DatabaseOutage.error();
            return ResponseEntity.status(error.status())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(error.retryAfterSeconds()))
                    .body(ErrorBody.of(error, RequestIds.current(request)));
        }
    }

    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE + 5)
    static class Filter extends OncePerRequestFilter {
        private final ErrorWriter errors;

        Filter(ErrorWriter errors) {
            this.errors = errors;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            try {
                chain.doFilter(request, response);
            } catch (RuntimeException | ServletException e) {
                if (!DatabaseOutage.isOutage(e)) {
                    throw e;
                }
                log.warn("Database unreachable during {} {}", request.getMethod(), request.getRequestURI());
                errors.write(request, response, DatabaseOutage.error());
            }
        }
    }
}
