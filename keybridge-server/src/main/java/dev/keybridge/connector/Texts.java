package dev.keybridge.connector;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders a connector's {@link Text} in a language from the message bundles: its key with its
 * arguments, else its fallback (an untranslated literal), else the key itself. Link renders in the end
 * user's language; API error messages render in English.
 */
@Component
public class Texts {

    private final MessageSource messages;

    Texts(MessageSource messages) {
        this.messages = messages;
    }

    /** Null for a null text. */
    public String render(Text text, Locale locale) {
        if (text == null) {
            return null;
        }
        if (text.key() == null) {
            return text.fallback();
        }
        return messages.getMessage(text.key(), text.args().toArray(),
                text.fallback() != null ? text.fallback() : text.key(), locale);
    }
}
