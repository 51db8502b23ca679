package dev.keybridge.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;

/**
 * One rule for every API route ({@code /api/…}): a path with a trailing slash reaches the handler of the same
 * path without it ({@code GET /api/v2/public/slug/{slug}/config/}, what the original Node server SDK sends for
 * the default config, is {@code …/config}). The request is rewritten in place (no redirect: a client would
 * have to repeat a body, and CORS preflights do not follow redirects), before authentication and the route
 * rules see the path. Hosted pages, the dashboard and {@code /v1/proxy/…} (where the slash belongs to the
 * provider's path) are left as they are.
 */
@Configuration(proxyBeanMethods = false)
class TrailingSlash {

    /** The routes the rule covers. */
    static final String API_ROUTES = "/api/**";

    @Bean
    FilterRegistrationBean<UrlHandlerFilter> apiTrailingSlash() {
        FilterRegistrationBean<UrlHandlerFilter> bean = new FilterRegistrationBean<>(
                UrlHandlerFilter.trailingSlashHandler(API_ROUTES).wrapRequest().build());
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 3); // after RequestIds, BodyLimit and RequestSanity
        return bean;
    }
}
