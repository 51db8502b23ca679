package dev.keybridge.dashboard;

import dev.keybridge.dashboard.signin.Role;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * One address of the dashboard and everything under it (the overview, {@link DashboardPages#ROOT}: itself
 * only): its name in the navigation (null: not listed there), who may read it (any method but POST) and who
 * may change through it (POST).
 */
public record DashboardPage(String path, @Nullable String label, Access read, Access change) {

    /** Who may use a page. */
    public enum Access {
        /** Anyone, signed in or not (sign-in, setup, the assets). */
        ANYONE,
        /** Any signed-in operator, viewers too. */
        OPERATOR(Role.OWNER, Role.DEVELOPER, Role.VIEWER),
        /** Owners and developers. */
        EDITOR(Role.OWNER, Role.DEVELOPER),
        /** Owners only. */
        OWNER(Role.OWNER);

        private final List<Role> roles;

        Access(Role... roles) {
            this.roles = List.of(roles);
        }

        /** Whether an operator with this role may (the navigation shows only what the operator may read). */
        public boolean allows(Role role) {
            return this == ANYONE || roles.contains(role);
        }

        /** The same rule for Spring Security. */
        void grant(AuthorizeHttpRequestsConfigurer<?>.AuthorizedUrl url) {
            switch (this) {
                case ANYONE -> url.permitAll();
                case OPERATOR -> url.authenticated();
                default -> url.hasAnyRole(roles.stream().map(Role::name).toArray(String[]::new));
            }
        }
    }

    /** Whether the navigation lists it. */
    public boolean listed() {
        return label != null;
    }

    /** The address patterns it covers. */
    String[] patterns() {
        return path.equals(DashboardPages.ROOT) ? new String[] {path} : new String[] {path, path + "/**"};
    }

    /** Whether {@code requestPath} is this page or one under it (what the navigation marks as current). */
    public boolean contains(String requestPath) {
        return requestPath.equals(path)
                || !path.equals(DashboardPages.ROOT) && requestPath.startsWith(path + "/");
    }
}
