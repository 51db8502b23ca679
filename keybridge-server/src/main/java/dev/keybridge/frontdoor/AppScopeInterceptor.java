package dev.keybridge.frontdoor;

import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A session token limited to some apps may not touch any other: every front-end call whose path
 * names an app ({@code {slug}}) is refused with 403 before the handler runs, so nothing is read.
 * Calls that name the app in the body check {@link Caller#allowsApp} themselves.
 */
@Configuration(proxyBeanMethods = false)
class AppScopeInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Caller caller) || caller.appScope() == null) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> vars = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String slug = vars == null ? null : vars.get("slug");
        if (slug != null) {
            require(caller, slug);
        }
        return true;
    }

    /** 403 when the caller's token does not cover the app. */
    static void require(Caller caller, String slug) {
        if (!caller.allowsApp(slug)) {
            throw new Errors.Forbidden("app_not_in_token_scope",
                    "This session token is limited to other apps; it cannot use '" + slug + "'.");
        }
    }
}
