package dev.keybridge.link;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keybridge.connector.Step;
import dev.keybridge.connector.Text;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** What a Link page shows (stored as the session's {@code view}; never secret). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinkView(String account, Text title, Text prompt, List<Step.Field> fields, Text error,
                       String errorCode, Boolean retryable) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static LinkView of(String account) {
        return new LinkView(account, null, null, null, null, null, null);
    }

    static LinkView form(String account, Step.Form form) {
        return new LinkView(account, form.title(), form.prompt(), form.fields(), null, null, null);
    }

    static LinkView challenge(String account, Step.Challenge ch) {
        return new LinkView(account, ch.title(), ch.prompt(), ch.fields(), ch.error(), null, null);
    }

    LinkView withError(String code, Text message, boolean canRetry) {
        return new LinkView(account, title, prompt, fields, message, code, canRetry);
    }

    /** The form again with what the user typed, except secrets, so a retry only needs the secret. */
    LinkView prefilled(Map<String, String> submitted) {
        if (fields == null || submitted.isEmpty()) {
            return this;
        }
        List<Step.Field> filled = fields.stream().map(f -> f.type().equals("password") || f.readOnly()
                || !submitted.containsKey(f.name()) ? f
                : new Step.Field(f.name(), f.type(), f.label(), f.required(), f.placeholder(), f.options(),
                        submitted.get(f.name()), false)).toList();
        return new LinkView(account, title, prompt, filled, error, errorCode, retryable);
    }

    /** The view without its error (shown once: a reload or back does not show it again). */
    LinkView withoutError() {
        return new LinkView(account, title, prompt, fields, null, null, null);
    }

    String json() {
        return JSON.writeValueAsString(this);
    }

    static LinkView of(LinkSession s) {
        return fromJson(s.viewJson());
    }

    static LinkView fromJson(String json) {
        return JSON.readValue(json, LinkView.class);
    }
}
