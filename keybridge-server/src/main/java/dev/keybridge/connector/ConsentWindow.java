package dev.keybridge.connector;

import java.time.Duration;

/**
 * An app's consent window ({@code oauth2.consent_lifetime_days}, issue 20): a new consent starts it, and the
 * connection breaks at the sooner of it and the refresh token's own horizon. Only a consent renews it, never a
 * refresh ({@code connection.ConnectionExpiry} keeps it when a refresh learns of a later horizon).
 */
final class ConsentWindow {

    private ConsentWindow() {}

    /** The step with the window applied when it is a success of an app that has one; otherwise the step. */
    static Step apply(ConnectorContext context, Step step) {
        Integer days = context.app().oauth2().consentLifetimeDays();
        if (days == null || !(step instanceof Step.Success ok)) {
            return step;
        }
        Expiry consent = new Expiry(context.clock().instant().plus(Duration.ofDays(days)), Expiry.CONSENT);
        return new Step.Success(ok.credentials(), ok.expiresAt(), ok.displayName(), Expiry.earliest(ok.expiry(), consent));
    }
}
