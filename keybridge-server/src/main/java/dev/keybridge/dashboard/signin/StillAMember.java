package dev.keybridge.dashboard.signin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
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
        Optional<Operator> now = auth != null && auth.getPrincipal() instanceof Operator me
                ? operators.find(me.orgId(), me.id()) : null;
        if (now != null && !now.map(o -> o.role() == ((Operator) auth.getPrincipal()).role()).orElse(false)) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.addCookie(expiredSessionCookie());
            // Told why: a new role (to sign in with), or removed (a removal also deletes the member's sessions, so
            // it is usually met first as an unknown session: the sign-in page then says it timed out).
            response.sendRedirect(now.isEmpty() ? "/dashboard/signin?removed" : "/dashboard/signin?role");
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
