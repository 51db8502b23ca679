package dev.keybridge.dashboard.session;

import dev.keybridge.config.KeybridgeSettings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts every dashboard request's {@link jakarta.servlet.http.HttpSession} in PostgreSQL (ahead of
 * Spring Security, which keeps the signed-in operator and the CSRF token in it), so any node serves
 * any request of a session: a load balancer needs no sticky sessions. The container's own sessions are
 * never made for the dashboard.
 */
final class SessionFilter implements Filter {

    private final SessionStore store;
    private final Clock clock;
    private final Duration idle;

    SessionFilter(SessionStore store, Clock clock, Duration idle) {
        this.store = store;
        this.clock = clock;
        this.idle = idle;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof ServletRequestWrapper w && w.isWrapperFor(SessionRequest.class)
                || !(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse res)) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new SessionRequest(http, res, store, clock, idle), response);
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<SessionFilter> dashboardSessions(SessionStore store, Clock clock,
                                                                KeybridgeSettings settings) {
            var bean = new FilterRegistrationBean<>(new SessionFilter(store, clock, settings.dashboard().idleTimeout()));
            bean.addUrlPatterns("/dashboard", "/dashboard/*");
            bean.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.INCLUDE,
                    DispatcherType.ERROR, DispatcherType.ASYNC);
            bean.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
            bean.setName("dashboardSessions");
            return bean;
        }
    }
}
