package dev.keybridge.dashboard;

import dev.keybridge.audit.ChangeLog;
import dev.keybridge.dashboard.signin.Operator;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Environment;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The dashboard's view of who acts where: the signed-in operator's organization and the environment
 * chosen with the switch (kept in the session; test until switched). Pages call services of the
 * other packages with {@link #caller}, so every query is scoped like an API call.
 */
public final class Console {

    static final String ENVIRONMENT = "kb.dashboard.environment";

    private Console() {}

    public static Environment environment(HttpSession session) {
        Object env = session.getAttribute(ENVIRONMENT);
        return env instanceof Environment e ? e : Environment.TEST;
    }

    public static Caller caller(Operator me, HttpSession session) {
        Caller caller = Caller.operator(me.orgId(), environment(session), me.id());
        // The audit log's change record names the operator (the console's principal is not a Caller).
        if (RequestContextHolder.getRequestAttributes() != null) {
            RequestContextHolder.currentRequestAttributes().setAttribute(ChangeLog.CALLER, caller,
                    RequestAttributes.SCOPE_REQUEST);
        }
        return caller;
    }
}
