package dev.keybridge.connector;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.Templates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The key-based family: the fields of {@code auth_input_map}, checked by the app's verification call
 * (also when the app refuses a stored key: {@link #check}); injected as the catalog's {@code inject} says.
 */
public class KeyBasedConnector implements Connector {

    /** Values placed into a URL's host or path must stay plain (no SSRF through a crafted field). */
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    @Override
    public String name() {
        return "keybased";
    }

    /** The app's {@code auth_input_map}. */
    @Override
    public Step.Form form(AppDefinition app) {
        return new Step.Form(Text.of("form.keys.title", app.name()), Text.of("form.keys.prompt", app.name()),
                app.inputs().stream().map(f -> new Step.Field(f.name(), f.type() == null ? "text" : f.type(),
                        Text.orElse("field." + f.name(), label(f)), f.required(), f.placeholder(), List.of(), null,
                        false)).toList());
    }

    /** The browser SDK collects these fields itself and saves them (§3). */
    @Override
    public List<AppDefinition.InputField> inputMap(AppDefinition app) {
        return app.inputs();
    }

    @Override
    public Step start(ConnectorContext context, Map<String, String> input) {
        AppDefinition app = context.app();
        Map<String, String> values = new LinkedHashMap<>();
        for (AppDefinition.InputField f : app.inputs()) {
            String v = input.get(f.name());
            v = v == null ? "" : v.strip();
            if (f.required() && v.isEmpty()) {
                return Step.Failure.of("missing_field", true, label(f));
            }
            if (!v.isEmpty() && f.pattern() != null && !v.matches(f.pattern())) {
                return Step.Failure.of("invalid_field", true, label(f));
            }
            values.put(f.name(), v);
        }
        String base = app.apiBaseUrl();
        if (app.verification() != null) {
            String path = app.verification().path();
            for (String name : Templates.names(base + path)) {
                if (values.containsKey(name) && !URL_SAFE.matcher(values.get(name)).matches()) {
                    return Step.Failure.of("invalid_field", true, label(app.inputs(), name));
                }
            }
            return verify(context, Templates.fill(base + path, values), values);
        }
        return new Step.Success(values, null, null);
    }

    @Override
    public Step answer(ConnectorContext context, Map<String, String> state, Map<String, String> answers) {
        return start(context, answers);
    }

    @Override
    public Check check(ConnectorContext context, Map<String, String> credentials) {
        if (context.app().verification() == null) {
            return Check.UNKNOWN;
        }
        Step s = verify(context, Templates.fill(context.app().apiBaseUrl() + context.app().verification().path(),
                credentials), credentials);
        return s instanceof Step.Success ? Check.WORKS : s instanceof Step.Failure f && f.code().equals("invalid_credentials")
                ? Check.LOGIN_REQUIRED : Check.UNKNOWN;
    }

    /**
     * The verification call: success with the values (and the key's expiry when the answer states it, as the
     * catalogue's {@code verification.expires_at} names), else the failure to show.
     */
    private static Step verify(ConnectorContext context, String url, Map<String, String> values) {
        AppDefinition app = context.app();
        HttpRequest.Builder request;
        try {
            Injection injection = Injection.fromCatalog(app, values);
            request = HttpRequest.newBuilder(URI.create(injection.appendTo(url))).timeout(context.timeout());
            injection.headers().forEach(request::header);
        } catch (IllegalArgumentException e) {
            return Step.Failure.of("invalid_address", true, app.name());
        }
        String method = app.verification().method() == null ? "GET" : app.verification().method();
        request.method(method, HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> response;
        try {
            boolean readBody = app.verification().expiresAt() != null && app.verification().expiresAt().json() != null;
            HttpResponse.BodyHandler<String> body = readBody ? HttpResponse.BodyHandlers.ofString()
                    : HttpResponse.BodyHandlers.<String>replacing(null);
            response = context.http().send(request.build(), body);
        } catch (IOException e) {
            return Step.Failure.of("provider_unreachable", true, app.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Step.Failure.of("provider_unreachable", true, app.name());
        }
        List<Integer> ok = app.verification().successStatus();
        if (ok == null ? response.statusCode() / 100 == 2 : ok.contains(response.statusCode())) {
            return new Step.Success(values, null, null,
                    KeyExpiry.read(app.verification(), response.headers(), response.body()));
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            return Step.Failure.of("invalid_credentials", true, app.name());
        }
        return Step.Failure.of("verification_failed", true, app.name(), response.statusCode());
    }

    private static String label(AppDefinition.InputField f) {
        return f.label() == null ? f.name() : f.label();
    }

    private static String label(List<AppDefinition.InputField> fields, String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst().map(KeyBasedConnector::label).orElse(name);
    }
}
