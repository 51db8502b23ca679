package dev.keybridge.dashboard.signin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the session of an operator who was removed (or whose role changed) since signing in, at their
 * next request: one primary-key read per dashboard request, so removal takes effect at once on every node.
 */
public class StillAMember extends OncePerRequestFilter {

    private final OperatorStore operators;

    public StillAMember(OperatorStore operators) {
        this.operators = operators;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Operator me
                && !operators.find(me.orgId(), me.id()).map(o -> o.role() == me.role()).orElse(false)) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.addCookie(expiredSessionCookie());
            response.sendRedirect("/dashboard/signin?signedout");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Deletes the session cookie where it was set (path /dashboard), so the browser sends none. */
    public static Cookie expiredSessionCookie() {
        Cookie c = new Cookie("kb_dashboard", "");
        c.setPath("/dashboard");
        c.setMaxAge(0);
        c.setHttpOnly(true);
        return c;
    }
}
