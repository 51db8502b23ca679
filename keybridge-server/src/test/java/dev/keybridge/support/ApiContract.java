package dev.keybridge.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every answer a test gets from Keybridge must be what {@code docs/openapi.json} (the served document,
 * {@code OpenApiDocumentTest} keeps them equal) says: the status is declared for the operation, and the body
 * validates against the schema declared for that status and content type. {@link Api} checks each response,
 * so a mismatch fails the test that made the call.
 *
 * <p>Paths that are not the API are skipped by the short list {@link #NOT_API}; any other path the document
 * does not have (or a method it does not list) may only answer an error in the {@code Error} shape, so a new
 * API path that answers 2xx is never skipped silently. Problems name the operation, the status, the schema
 * rule and the JSON pointer, never the body (it may hold a credential).
 */
public final class ApiContract {

    /** Not the API: the pages a browser sees and their scripts, the sandbox's emulated provider, the document itself, health. */
    static final List<String> NOT_API = List.of("/dashboard", "/link/s/", "/link/oauth/", "/link/assets/",
            "/link.js", "/sandbox/api/", "/sandbox/oauth/", "/v3/api-docs", "/actuator/", "/favicon.ico");
    /** The hosted Link page's entry (exactly this path; {@code /link/token/…} and {@code /link/result} are API). */
    private static final String LINK_PAGE = "/link";
    /** The server's own address: a redirect to the dashboard. */
    private static final String ROOT = "/";
    /** Protocol, not API: CORS preflights; HEAD has no body to check. */
    private static final Set<String> NOT_CHECKED_METHODS = Set.of("OPTIONS", "HEAD");
    private static final String PROXY = "/v1/proxy/";
    private static final String ERROR_MARKER = "x-keybridge-error";

    private static final Path DOCUMENT = Path.of("..", "docs", "openapi.json");

    /**
     * {@code -Dkeybridge.contract.survey=<file>}: write every problem to that file instead of failing the call,
     * to see all mismatches of a whole run at once (the default fails the test).
     */
    private static final String SURVEY = System.getProperty("keybridge.contract.survey");

    private ApiContract() {}

    private static synchronized void survey(String entry) {
        try {
            Files.writeString(Path.of(SURVEY), entry + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames.map(f -> f.getClassName() + "." + f.getMethodName())
                .filter(n -> n.contains("Test.") || n.contains("IT.")).findFirst().orElse("?"));
    }

    /** Fails the call (an AssertionError) when the answer breaks the document; only records it while surveying. */
    public static void check(String method, URI uri, int status, String contentType, String body, boolean errorMarker) {
        if (SURVEY == null) {
            requireValid(method, uri, status, contentType, body, errorMarker);
            return;
        }
        List<String> problems = problems(method, uri.getPath(), status, contentType, body, errorMarker);
        if (!problems.isEmpty()) {
            survey(method + " " + uri.getPath() + " -> " + status + " in " + caller() + "\n  " + String.join("\n  ", problems));
        }
    }

    /** Throws an AssertionError naming each way the answer breaks the document (also while surveying). */
    public static void requireValid(String method, URI uri, int status, String contentType, String body,
            boolean errorMarker) {
        List<String> problems = problems(method, uri.getPath(), status, contentType, body, errorMarker);
        if (!problems.isEmpty()) {
            throw new AssertionError("The answer breaks docs/openapi.json (" + method + " " + uri.getPath() + " → "
                    + status + "):\n  " + String.join("\n  ", problems)
                    + "\nFix the document (web.openapi, the records' annotations) or the server (wire-formats.md).");
        }
    }

    /** What is wrong with this answer, against the document; empty when it binds or the path is not the API. */
    public static List<String> problems(String method, String path, int status, String contentType, String body,
            boolean errorMarker) {
        String m = method.toUpperCase(Locale.ROOT);
        if (NOT_CHECKED_METHODS.contains(m) || path.equals(LINK_PAGE) || path.equals(ROOT) || NOT_API.stream().anyMatch(path::startsWith)) {
            return List.of();
        }
        String documented = path;
        if (path.startsWith(PROXY)) {
            if (!errorMarker) {
                return List.of(); // the upstream's answer, as it is
            }
            documented = PROXY + "**";
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = Document.VALIDATOR.validateResponse(documented, Request.Method.valueOf(m), response.build());
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(msg -> msg.getLevel() == ValidationReport.Level.ERROR).toList();
        // A 405 is routing's answer: the path exists but not with this method (GET /webhook/subscribe also looks
        // like GET /webhook/{endpointId} to the matcher), so it is checked as an undocumented method's answer.
        boolean undocumented = status == 405 || errors.stream().anyMatch(msg -> msg.getKey().endsWith("path.missing")
                || msg.getKey().endsWith("operation.notAllowed"));
        if (undocumented) {
            return undocumentedAnswer(m, path, status, contentType, body);
        }
        return errors.stream().map(ApiContract::describe).toList();
    }

    /** A path or method the document does not have may only answer an error, in the Error shape. */
    private static List<String> undocumentedAnswer(String method, String path, int status, String contentType, String body) {
        if (status < 400) {
            return List.of(method + " " + path + " is not in the document (nor in ApiContract.NOT_API) but answered "
                    + status + ": document it, or list it as not the API");
        }
        if (contentType == null || !contentType.startsWith("application/json")) {
            return List.of("error " + status + " is not application/json (content type " + contentType + ")");
        }
        return Document.ERRORS.validate(body, Document.ERROR_SCHEMA, "response.body").getMessages().stream()
                .filter(msg -> msg.getLevel() == ValidationReport.Level.ERROR)
                .map(ApiContract::describe).toList();
    }

    private static String describe(ValidationReport.Message msg) {
        StringBuilder out = new StringBuilder();
        msg.getContext().flatMap(ValidationReport.MessageContext::getApiOperation).ifPresent(op -> out.append("operation ")
                .append(op.getOperation().getOperationId()).append(": "));
        out.append(msg.getKey()).append(": ").append(redacted(msg.getMessage()));
        msg.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                .ifPresent(p -> out.append(" (at ").append(p.getInstance()).append(", schema ").append(p.getSchema())
                        .append(')'));
        return out.toString();
    }

    /** Messages name rules and members, not values; a long quoted text (a value, in some messages) is cut. */
    private static String redacted(String message) {
        return message.replaceAll("'[^']{25,}'", "'…'").replaceAll("\"[^\"]{25,}\"", "\"…\"");
    }

    /** The document, read once. */
    private static final class Document {
        static final OpenAPI API;
        static final OpenApiInteractionValidator VALIDATOR;
        static final SchemaValidator ERRORS;
        static final Schema<?> ERROR_SCHEMA;

        static {
            String text;
            try {
                text = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + DOCUMENT.toAbsolutePath(), e);
            }
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            var parsed = new OpenAPIV3Parser().readContents(text, null, options);
            if (parsed.getOpenAPI() == null) {
                throw new IllegalStateException("docs/openapi.json does not parse: " + parsed.getMessages());
            }
            API = parsed.getOpenAPI();
            VALIDATOR = OpenApiInteractionValidator.createForInlineApiSpecification(text).build();
            ERRORS = new SchemaValidator(API, new MessageResolver());
            ERROR_SCHEMA = new Schema<>().$ref("#/components/schemas/Error");
        }
    }
}
