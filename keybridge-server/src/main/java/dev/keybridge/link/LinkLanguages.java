package dev.keybridge.link;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The languages Link speaks (English, French, German, Spanish, Japanese; bundles in
 * {@code i18n/messages*.properties}) and which one a page uses: the link token's {@code language},
 * else the browser's ({@code Accept-Language}), else English. Registered as the application's
 * {@code localeResolver}, so templates' {@code #{…}} follow it.
 */
@Component("localeResolver")
public class LinkLanguages implements LocaleResolver {

    static final List<String> SUPPORTED = List.of("en", "fr", "de", "es", "ja");
    private static final String ATTRIBUTE = LinkLanguages.class.getName();

    private final AcceptHeaderLocaleResolver browser = new AcceptHeaderLocaleResolver();

    LinkLanguages() {
        browser.setSupportedLocales(SUPPORTED.stream().map(Locale::forLanguageTag).toList());
        browser.setDefaultLocale(Locale.ENGLISH);
    }

    public static boolean supported(String language) {
        return language != null && SUPPORTED.contains(language);
    }

    /** Makes this request's pages speak {@code language} (a session's choice) when it is one Link speaks. */
    static void use(HttpServletRequest request, String language) {
        if (supported(language)) {
            request.setAttribute(ATTRIBUTE, Locale.forLanguageTag(language));
        }
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        Object chosen = request.getAttribute(ATTRIBUTE);
        if (chosen instanceof Locale l) {
            return l;
        }
        Locale l = browser.resolveLocale(request);
        return supported(l.getLanguage()) ? Locale.forLanguageTag(l.getLanguage()) : Locale.ENGLISH;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        throw new UnsupportedOperationException("Link's language comes from the link token or the browser.");
    }
}
