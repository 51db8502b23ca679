package dev.keybridge.link;

import dev.keybridge.connector.Step;
import java.util.List;

/**
 * Where an end user is (or stopped) in Link, in the words the host sees: {@code status} in
 * {@code onExit}'s metadata and {@code view_name} in {@code onEvent}'s (docs/link.md lists them).
 */
final class LinkStatus {

    private LinkStatus() {}

    /**
     * {@code choose_app}, {@code requires_credentials}, {@code requires_code}, {@code requires_selections},
     * {@code requires_questions}, {@code requires_oauth}, {@code connected} or {@code failed}.
     */
    static String of(LinkSession s, LinkView v) {
        return switch (s.step()) {
            case CREATED, PICKING -> "choose_app";
            case AUTHORIZING -> "requires_oauth";
            case SUCCEEDED -> "connected";
            case FAILED -> "failed";
            case FORM, CHALLENGE, EXITED -> s.appSlug() == null ? "choose_app" : byFields(v.fields());
        };
    }

    /** The screen: CONSENT, SELECT_APP, CREDENTIAL, MFA, OAUTH, CONNECTED, ERROR or EXIT. */
    static String viewName(String step, LinkView v, boolean intro) {
        if (intro) {
            return "CONSENT";
        }
        return switch (step) {
            case "picking" -> "SELECT_APP";
            case "form", "challenge" -> switch (byFields(v.fields())) {
                case "requires_oauth" -> "OAUTH";
                case "requires_credentials" -> "CREDENTIAL";
                default -> "MFA";
            };
            case "authorizing" -> "OAUTH";
            case "succeeded" -> "CONNECTED";
            case "exited" -> "EXIT";
            default -> "ERROR";
        };
    }

    private static String byFields(List<Step.Field> fields) {
        if (fields == null || fields.isEmpty()) {
            return "requires_oauth";
        }
        if (fields.stream().anyMatch(f -> f.type().equals("password") && !f.readOnly())
                || fields.stream().noneMatch(f -> f.type().equals("code") || f.type().equals("choice")
                        || f.name().startsWith("answer_"))) {
            return "requires_credentials";
        }
        if (fields.stream().anyMatch(f -> f.type().equals("code"))) {
            return "requires_code";
        }
        return fields.stream().anyMatch(f -> f.type().equals("choice")) ? "requires_selections" : "requires_questions";
    }
}
