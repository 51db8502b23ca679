package dev.keybridge.proxy;

import dev.keybridge.audit.AuditActions;
import dev.keybridge.audit.AuditLog;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.ConnectionLookup;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.ApiException;
import dev.keybridge.web.ErrorAnswers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code ANY /v1/proxy/{path}}: server credentials plus the connection ({@code access_token} header,
 * or {@code linked_account_id} + {@code slug} headers); forwards to the app's API base URL + path.
 * Every call to a found connection goes to the audit log ({@code proxy.call}), failed ones too.
 */
@RestController
class ProxyController {

    static final String PREFIX = "/v1/proxy/";

    private final ConnectionLookup lookup;
    private final Forwarder forwarder;
    private final AuditLog audit;
    private final Clock clock;

    ProxyController(ConnectionLookup lookup, Forwarder forwarder, AuditLog audit, Clock clock) {
        this.lookup = lookup;
        this.forwarder = forwarder;
        this.audit = audit;
        this.clock = clock;
    }

    @ErrorAnswers({404, 502})
    @RequestMapping(PREFIX + "**")
    void proxy(@AuthenticationPrincipal Caller caller, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String uri = request.getRequestURI();
        String path = uri.substring(uri.indexOf(PREFIX) + PREFIX.length());
        Connection connection = lookup.fromHeaders(caller, request.getHeader("access_token"),
                request.getHeader("linked_account_id"), request.getHeader("slug"));
        long started = System.nanoTime();
        int status = 500;
        long bytes = 0;
        try {
            bytes = forwarder.forward(connection, path, request, response);
            status = response.getStatus();
        } catch (ApiException e) {
            status = e.status();
            throw e;
        } finally {
            audit.record(AuditActions.proxyCall(caller, connection.orgId(), connection.environment(), connection.id(),
                    clock.instant(), request.getMethod(), (String) request.getAttribute(Forwarder.UPSTREAM_HOST), "/" + path,
                    status, request.getContentLengthLong(), bytes,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
        }
    }
}
