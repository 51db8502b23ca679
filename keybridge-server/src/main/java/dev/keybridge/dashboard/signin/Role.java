package dev.keybridge.dashboard.signin;

import java.util.Locale;

/** What an operator may do: owners everything, developers everything but members, viewers read. */
public enum Role {
    OWNER, DEVELOPER, VIEWER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority of the role. */
    public String authority() {
        return "ROLE_" + name();
    }

    public boolean canChange() {
        return this != VIEWER;
    }

    /** The role named on a form or in the table; null when it names none. */
    public static Role parse(String value) {
        if (value == null) {
            return null;
        }
        for (Role r : values()) {
            if (r.wire().equals(value)) {
                return r;
            }
        }
        return null;
    }
}
