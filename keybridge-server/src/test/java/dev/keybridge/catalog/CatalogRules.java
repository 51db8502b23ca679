package dev.keybridge.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules every built-in catalogue entry keeps (issue 19, item 5), as a list of violations so that
 * a test names every broken entry at once. Sandbox apps are exempt from the link and https rules.
 */
final class CatalogRules {

    static final Path LOGOS = Path.of("src/main/resources/static/link/assets/logos");
    private static final Pattern ICON = Pattern.compile("\\{keybridge}/link/assets/logos/([a-z0-9-]+\\.svg)");
    private static final Pattern HOST = Pattern.compile("^(?:https://)?([^/?#]*)");

    private CatalogRules() {}

    static List<String> violations(Iterable<AppDefinition> apps, Path logos) {
        List<String> out = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (AppDefinition a : apps) {
            String other = names.put(a.name().toLowerCase(Locale.ROOT), a.slug());
            if (other != null) {
                out.add(a.slug() + ": the name '" + a.name() + "' is also " + other + "'s");
            }
            if (!a.sandbox()) {
                out.addAll(check(a, logos).stream().map(v -> a.slug() + ": " + v).toList());
            }
        }
        return out;
    }

    static List<String> check(AppDefinition a, Path logos) {
        List<String> out = new ArrayList<>();
        if (a.categoryList().isEmpty()) {
            out.add("no category");
        }
        if (a.categoryList().contains(Category.SANDBOX)) {
            out.add("the sandbox category is for sandbox apps");
        }
        https(out, "docs_url", a.docsUrl());
        https(out, "console_url", a.consoleUrl());
        Matcher icon = a.icon() == null ? null : ICON.matcher(a.icon());
        if (icon == null || !icon.matches()) {
            out.add("icon must be {keybridge}/link/assets/logos/<file>.svg");
        } else if (!Files.isRegularFile(logos.resolve(icon.group(1)))) {
            out.add("no logo file " + icon.group(1));
        }
        Set<String> fields = new HashSet<>();
        a.inputs().forEach(f -> fields.add(f.name()));
        Set<String> fromProvider = new HashSet<>();
        AppDefinition.OAuth2 o = a.oauth2();
        boolean smart = a.authType() == AppDefinition.AuthType.SMART_ON_FHIR;
        if (smart) {
            fromProvider.add("fhir_base_url");     // the end user's FHIR base URL, checked by the family
            if (a.smart() == null || a.smart().baseUrlExample() == null) {
                out.add("smart.base_url_example is missing (the form shows it)");
            } else if (!exampleMatches(a.smart().baseUrlPattern(), a.smart().baseUrlExample())) {
                out.add("smart.base_url_example does not match smart.base_url_pattern");
            }
        }
        if (o != null) {
            Stream.of(o.tokenFields(), o.callbackFields()).filter(Objects::nonNull).forEach(fromProvider::addAll);
            url(out, "oauth2.authorize_url", o.authorizeUrl(), a, fields, fromProvider, !smart);
            url(out, "oauth2.token_url", o.tokenUrl(), a, fields, fromProvider, !smart);
            url(out, "oauth2.revoke_url", o.revokeUrl(), a, fields, fromProvider, false);
            if (o.authorizeParams() != null) {
                o.authorizeParams().values().forEach(v -> defined(out, "oauth2.authorize_params", v, fields, fromProvider, false));
            }
        }
        url(out, "api_base_url", a.apiBaseUrl(), a, fields, fromProvider, true);
        boolean oauth = a.authType() == AppDefinition.AuthType.OAUTH2 || smart;
        if (a.inject() == null) {
            out.add("no inject: the proxy would send no credential");
        } else {
            Stream.of(a.inject().headers(), a.inject().query()).filter(Objects::nonNull)
                    .flatMap(m -> m.values().stream())
                    .forEach(v -> defined(out, "inject", v, fields, fromProvider, oauth));
            Stream.of(a.inject().basicUsername(), a.inject().basicPassword()).filter(Objects::nonNull)
                    .forEach(v -> defined(out, "inject", v, fields, fromProvider, oauth));
        }
        if (a.verification() != null) {
            defined(out, "verification.path", a.verification().path(), fields, fromProvider, oauth);
        }
        for (AppDefinition.InputField f : a.inputs()) {
            if (f.type() != null && !Set.of("text", "password", "email").contains(f.type())) {
                out.add("field " + f.name() + " has type " + f.type() + " (text, password or email)");
            }
        }
        return out;
    }

    /** A SMART vendor's example base URL against its pattern (none: any https URL). */
    private static boolean exampleMatches(String pattern, String example) {
        return example.startsWith("https://") && (pattern == null || example.matches(pattern));
    }

    private static void https(List<String> out, String what, String url) {
        if (url == null || !url.startsWith("https://")) {
            out.add(what + " must be an https URL");
        }
    }

    /**
     * An https URL (or one that starts with a provider-given URL such as {@code {instance_url}}) whose
     * placeholders are all defined, and whose host takes only fields with a validation pattern.
     */
    private static void url(List<String> out, String what, String url, AppDefinition a, Set<String> fields,
                            Set<String> fromProvider, boolean required) {
        if (url == null) {
            if (required) {
                out.add(what + " is missing");
            }
            return;
        }
        Matcher lead = Pattern.compile("^\\{([A-Za-z0-9_]+)}").matcher(url);
        if (!url.startsWith("https://") && !(lead.find() && fromProvider.contains(lead.group(1)))) {
            out.add(what + " must be https (" + url + ")");
        }
        defined(out, what, url, fields, fromProvider, false);
        Matcher host = HOST.matcher(url);
        if (url.startsWith("https://") && host.find()) {
            for (String name : Templates.names(host.group(1))) {
                a.inputs().stream().filter(f -> f.name().equals(name) && f.pattern() == null).findFirst()
                        .ifPresent(f -> out.add(what + " puts field " + name + " in its host without a pattern"));
            }
        }
    }

    private static void defined(List<String> out, String what, String template, Set<String> fields,
                                Set<String> fromProvider, boolean accessToken) {
        for (String name : Templates.names(template)) {
            boolean known = fields.contains(name) || fromProvider.contains(name)
                    || accessToken && name.equals("access_token");
            if (!known) {
                out.add(what + " uses {" + name + "}, which no field, token_fields or callback_fields defines");
            }
        }
    }
}
