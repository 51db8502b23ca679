package dev.keybridge.frontdoor;

import dev.keybridge.connector.Step;
import dev.keybridge.connector.Text;
import dev.keybridge.connector.Texts;
import dev.keybridge.web.Errors;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How a connector's refusal of credentials checked outside Link reaches the caller: the error code as
 * it is, the message in English from Link's bundles (API messages are English).
 */
@Component
class Refusals {

    private final Texts texts;

    Refusals(Texts texts) {
        this.texts = texts;
    }

    /** 502 when the provider could not be asked (or answered oddly), else a 400 with the connector's code. */
    RuntimeException of(Step.Failure f) {
        String message = english(f.message());
        if (f.code().equals("provider_unreachable") || f.code().equals("verification_failed")) {
            return new Errors.BadGateway(f.code(), message);
        }
        return new Errors.InvalidRequest(f.code(), message);
    }

    /** The success of a check, or the refusal as an error (a challenge cannot be answered outside Link). */
    Step.Success successOf(Step step, String slug) {
        if (step instanceof Step.Success ok) {
            return ok;
        }
        if (step instanceof Step.Failure failure) {
            throw of(failure);
        }
        throw new Errors.InvalidRequest("link_required", "'" + slug + "' needs the end user for more than these fields "
                + "(a challenge): connect it through hosted Link (GET /api/v1/" + slug + "/integrate).");
    }

    private String english(Text text) {
        return text == null ? "The app refused these details." : texts.render(text, Locale.ENGLISH);
    }
}
