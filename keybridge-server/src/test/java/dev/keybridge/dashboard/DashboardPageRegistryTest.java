package dev.keybridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.dashboard.DashboardPages.NavLink;
import dev.keybridge.dashboard.signin.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one declaration of the dashboard's pages, as the navigation reads it (the chain's rules: over HTTP). */
class DashboardPageRegistryTest {

    private static List<String> labels(Role role) {
        return DashboardPages.navigation(role, "/dashboard").stream().map(NavLink::label).toList();
    }

    @Test
    void doesListMembersOnlyForOwnersWhenTheNavigationIsMadeForARole() {
        assertThat(labels(Role.OWNER))
                .containsExactly("Overview", "Linked Accounts", "Repair", "Apps", "Credentials", "Webhooks", "Audit log",
                        "Members");
        assertThat(labels(Role.DEVELOPER))
                .containsExactly("Overview", "Linked Accounts", "Repair", "Apps", "Credentials", "Webhooks", "Audit log");
        assertThat(labels(Role.VIEWER)).isEqualTo(labels(Role.DEVELOPER));
    }

    @Test
    void doesMarkTheSectionOfTheRequestAsCurrentWhenOnOneOfItsPages() {
        List<NavLink> onAccount = DashboardPages.navigation(Role.OWNER, "/dashboard/accounts/view");
        List<NavLink> onOverview = DashboardPages.navigation(Role.OWNER, "/dashboard");

        assertThat(onAccount).filteredOn(NavLink::current).extracting(NavLink::label).containsExactly("Linked Accounts");
        assertThat(onOverview).filteredOn(NavLink::current).extracting(NavLink::label).containsExactly("Overview");
        assertThat(DashboardPages.navigation(Role.OWNER, "/dashboard/nothing-here")).noneMatch(NavLink::current);
    }

    @Test
    void doesDeclareEachAddressOnceWhenPagesAreListed() {
        assertThat(DashboardPages.ALL).extracting(DashboardPage::path).doesNotHaveDuplicates()
                .allMatch(p -> p.equals(DashboardPages.ROOT) || p.startsWith(DashboardPages.ROOT + "/"));
        assertThat(DashboardPages.ALL).filteredOn(p -> !p.listed()).extracting(DashboardPage::path)
                .contains("/dashboard/signin", "/dashboard/setup", "/dashboard/assets", "/dashboard/environment");
    }
}
