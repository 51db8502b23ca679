package dev.keybridge.dashboard;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * The dashboard chain's URL rules, made from {@link DashboardPages}: per page, who may POST (change) and who
 * may read; then the rule for any other dashboard address.
 */
final class PageRules {

    private PageRules() {}

    static void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        for (DashboardPage page : DashboardPages.ALL) {
            page.change().grant(rules.requestMatchers(HttpMethod.POST, page.patterns()));
            page.read().grant(rules.requestMatchers(page.patterns()));
        }
        DashboardPages.OTHER_CHANGE.grant(rules.requestMatchers(HttpMethod.POST, "/dashboard/**"));
        DashboardPages.OTHER_READ.grant(rules.anyRequest());
    }
}
