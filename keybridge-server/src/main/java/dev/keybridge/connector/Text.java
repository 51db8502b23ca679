package dev.keybridge.connector;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A user-facing text as a message key and its arguments: Link translates it with its message bundles
 * ({@code i18n/messages_*.properties}) into the end user's language. {@code fallback} is shown when no
 * bundle has the key (an operator's connector or a catalogue label, which are not translated).
 */
public record Text(String key, List<String> args, String fallback) {

    public Text {
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** {@code Text.of("link.form.sign_in.title", app.name())}. */
    public static Text of(String key, Object... args) {
        return new Text(key, Arrays.stream(args).map(a -> Objects.toString(a, "")).toList(), null);
    }

    /** A stored plain string (a Link view written before texts were keys) reads as a literal text. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Text fromString(String text) {
        return literal(text);
    }

    /** A text as it is, not translated (an operator's connector that brings no bundle). */
    public static Text literal(String text) {
        return text == null ? null : new Text(null, List.of(), text);
    }

    /** A key with a text for when no bundle has it. */
    public static Text orElse(String key, String fallback, Object... args) {
        return new Text(key, of(key, args).args(), fallback);
    }
}
