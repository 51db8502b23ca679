package dev.keybridge.dashboard;

import static dev.keybridge.dashboard.DashboardPage.Access.ANYONE;
import static dev.keybridge.dashboard.DashboardPage.Access.EDITOR;
import static dev.keybridge.dashboard.DashboardPage.Access.OPERATOR;
import static dev.keybridge.dashboard.DashboardPage.Access.OWNER;

import dev.keybridge.dashboard.DashboardPage.Access;
import dev.keybridge.dashboard.signin.Role;
import java.util.List;
import java.util.Objects;

/**
 * Every dashboard address in one declaration: the navigation (in this order, {@link #navigation}) and the
 * roles of {@link DashboardSecurity}'s chain ({@link PageRules}) are both read from {@link #ALL}. A new
 * page is one line here and its controller.
 */
public final class DashboardPages {

    public static final String ROOT = "/dashboard";

    public static final List<DashboardPage> ALL = List.of(
            new DashboardPage(ROOT, "Overview", OPERATOR, EDITOR),
            new DashboardPage("/dashboard/accounts", "Linked Accounts", OPERATOR, EDITOR),
            new DashboardPage("/dashboard/repair", "Repair", OPERATOR, EDITOR),
            new DashboardPage("/dashboard/apps", "Apps", OPERATOR, EDITOR),
            new DashboardPage("/dashboard/credentials", "Credentials", OPERATOR, EDITOR),
            new DashboardPage("/dashboard/webhooks", "Webhooks", OPERATOR, EDITOR),
            new DashboardPage("/dashboard/audit", "Audit log", OPERATOR, EDITOR),
            new DashboardPage("/dashboard/members", "Members", OWNER, OWNER),
            // Not in the navigation: the environment switch (every role), sign-in and its steps, the first
            // owner's setup, the page for a refused change, the stylesheet and script.
            new DashboardPage("/dashboard/environment", null, OPERATOR, OPERATOR),
            new DashboardPage("/dashboard/signin", null, ANYONE, ANYONE),
            new DashboardPage("/dashboard/setup", null, ANYONE, ANYONE),
            new DashboardPage("/dashboard/denied", null, ANYONE, ANYONE),
            new DashboardPage("/dashboard/assets", null, ANYONE, ANYONE));

    /** Any other dashboard address (answered with the not-found page): read by operators, changed by editors. */
    static final Access OTHER_READ = OPERATOR;
    static final Access OTHER_CHANGE = EDITOR;

    private DashboardPages() {}

    /** One link of the navigation; {@code current} when the request is on its page. */
    public record NavLink(String path, String label, boolean current) {}

    /** The navigation an operator with {@code role} sees on {@code requestPath}: the listed pages it may read. */
    public static List<NavLink> navigation(Role role, String requestPath) {
        return ALL.stream().filter(p -> p.listed() && p.read().allows(role))
                .map(p -> new NavLink(p.path(), Objects.requireNonNull(p.label()), p.contains(requestPath))).toList();
    }
}
