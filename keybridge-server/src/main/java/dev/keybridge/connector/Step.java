package dev.keybridge.connector;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a connector answers: the first form, ask the user something, send the browser somewhere, done, or failed. */
public sealed interface Step {

    /** The first form of a flow (or the form again, in update mode); its answers go to {@link Connector#start}. */
    record Form(Text title, Text prompt, List<Field> fields) implements Step {

        /** Untranslated texts (operator connectors without bundles). */
        public Form(String title, String prompt, List<Field> fields) {
            this(Text.literal(title), Text.literal(prompt), fields);
        }
    }

    /**
     * Ask the end user: a one-time code, security questions, a choice. {@code error} is shown above
     * the fields when the previous answer was wrong.
     */
    record Challenge(Text title, Text prompt, List<Field> fields, Text error, Map<String, String> state)
            implements Step {

        /** Untranslated texts (operator connectors without bundles). */
        public Challenge(String title, String prompt, List<Field> fields, String error, Map<String, String> state) {
            this(Text.literal(title), Text.literal(prompt), fields, Text.literal(error), state);
        }
    }

    /** Send the browser to {@code location} (an OAuth2 authorize page); the answer comes to the callback. */
    record Redirect(String location, Map<String, String> state) implements Step {}

    /**
     * Linked. {@code credentials} are stored encrypted; {@code expiresAt} (the access token's) may be null;
     * {@code expiry}, when the credential itself has a knowable end the end user must act on, else null.
     */
    record Success(Map<String, String> credentials, Instant expiresAt, String displayName, Expiry expiry)
            implements Step {

        public Success(Map<String, String> credentials, Instant expiresAt, String displayName) {
            this(credentials, expiresAt, displayName, null);
        }
    }

    /**
     * Not linked. {@code code} is machine-readable ({@code invalid_credentials}, {@code account_locked},
     * {@code access_denied}, …); {@code message} is for the end user (by default the bundle's
     * {@code error.<code>} with {@code args}); {@code retryable} says whether trying again with other
     * input can work.
     */
    record Failure(String code, Text message, boolean retryable) implements Step {

        /** An untranslated message (operator connectors without bundles). */
        public Failure(String code, String message, boolean retryable) {
            this(code, Text.literal(message), retryable);
        }

        /** The failure with the bundle's text {@code error.<code>}. */
        public static Failure of(String code, boolean retryable, Object... args) {
            return new Failure(code, Text.of("error." + code, args), retryable);
        }
    }

    /** One answer of a choice: the {@code value} the form sends and the {@code label} the end user reads. */
    record Option(String value, Text label) {

        /** An untranslated option whose label is its value (operator connectors; views stored as plain strings). */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Option literal(String value) {
            return new Option(value, Text.literal(value));
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public Option {}
    }

    /** A form field. {@code type}: text, password, email, code, choice; {@code options} for a choice. */
    record Field(String name, String type, Text label, boolean required, String placeholder,
                 List<Option> options, String value, boolean readOnly) {

        /** An untranslated label and options (operator connectors without bundles). */
        public Field(String name, String type, String label, boolean required, String placeholder, List<String> options,
                     String value, boolean readOnly) {
            this(name, type, Text.literal(label), required, placeholder,
                    options == null ? List.of() : options.stream().map(Option::literal).toList(), value, readOnly);
        }

        public static Field text(String name, Text label) {
            return new Field(name, "text", label, true, null, List.of(), null, false);
        }

        public static Field password(String name, Text label) {
            return new Field(name, "password", label, true, null, List.of(), null, false);
        }

        public static Field code(String name, Text label) {
            return new Field(name, "code", label, true, null, List.of(), null, false);
        }

        public static Field choice(String name, Text label, List<Option> options) {
            return new Field(name, "choice", label, true, null, options, null, false);
        }
    }
}
