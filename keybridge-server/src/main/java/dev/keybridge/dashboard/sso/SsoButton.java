package dev.keybridge.dashboard.sso;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The "Sign in with …" button on the pages of {@code dashboard.signin}, when single sign-on is set
 * up: named by package, so the sign-in package does not depend on single sign-on.
 */
@ControllerAdvice(basePackages = "dev.keybridge.dashboard.signin")
class SsoButton {

    private final SsoProvider sso;

    SsoButton(SsoProvider sso) {
        this.sso = sso;
    }

    /** The provider's name for the button, or nothing when single sign-on is not set up. */
    @ModelAttribute("sso")
    String sso() {
        return sso.enabled() ? sso.name() : null;
    }
}
