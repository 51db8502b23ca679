package dev.keybridge.proxy;

import dev.keybridge.connection.ConnectionLookup;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.ErrorAnswers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code ANY /v1/proxy/{path}}: server credentials plus the connection ({@code access_token} header,
 * or {@code linked_account_id} + {@code slug} headers); forwards to the app's API base URL + path.
 */
@RestController
class ProxyController {

    static final String PREFIX = "/v1/proxy/";

    private final ConnectionLookup lookup;
    private final Forwarder forwarder;

    ProxyController(ConnectionLookup lookup, Forwarder forwarder) {
        this.lookup = lookup;
        this.forwarder = forwarder;
    }

    @ErrorAnswers({404, 502})
    @RequestMapping(PREFIX + "**")
    void proxy(@AuthenticationPrincipal Caller caller, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String uri = request.getRequestURI();
        String path = uri.substring(uri.indexOf(PREFIX) + PREFIX.length());
        forwarder.forward(lookup.fromHeaders(caller, request.getHeader("access_token"),
                request.getHeader("linked_account_id"), request.getHeader("slug")), path, request, response);
    }
}
