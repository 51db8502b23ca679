package dev.keybridge.frontdoor;

import dev.keybridge.connector.Step;
import dev.keybridge.web.Errors;

/** How a connector's refusal of credentials checked outside Link reaches the caller. */
final class Refusals {

    private Refusals() {}

    /** 502 when the provider could not be asked (or answered oddly), else a 400 with the connector's code. */
    static RuntimeException of(Step.Failure f) {
        if (f.code().equals("provider_unreachable") || f.code().equals("verification_failed")) {
            return new Errors.BadGateway(f.code(), f.message());
        }
        return new Errors.InvalidRequest(f.code(), f.message());
    }

    /** The success of a check, or the refusal as an error (a challenge cannot be answered outside Link). */
    static Step.Success successOf(Step step, String slug) {
        if (step instanceof Step.Success ok) {
            return ok;
        }
        if (step instanceof Step.Failure failure) {
            throw of(failure);
        }
        throw new Errors.InvalidRequest("link_required", "'" + slug + "' needs the end user for more than these fields "
                + "(a challenge): connect it through hosted Link (GET /api/v1/" + slug + "/integrate).");
    }
}
