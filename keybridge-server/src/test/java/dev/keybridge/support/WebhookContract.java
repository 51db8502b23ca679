package dev.keybridge.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every webhook delivery a test's {@link Receiver} gets must be what the {@code webhooks} section of
 * {@code docs/openapi.json} says for its type: the Standard Webhooks headers and the envelope with its
 * {@code data} schema. The check is the API contract's validator ({@link ApiContract}: Atlassian's, which also
 * counts members the schema does not list as errors), run on a copy of the document in which each
 * {@code webhooks} entry is the operation {@code POST /webhooks/<type>}. Problems name the type, the rule
 * and the JSON pointer, never a value.
 */
public final class WebhookContract {

    static final String PREFIX = "/webhooks/";

    private WebhookContract() {}

    /** The event types the document's {@code webhooks} section lists. */
    public static Set<String> documentedTypes() {
        return Set.copyOf(Document.TYPES);
    }

    /** What is wrong with this delivery against the document; empty when it is what the entry of its type says. */
    public static List<String> problems(Map<String, List<String>> headers, String body) {
        String type;
        try {
            JsonNode parsed = Api.JSON.readTree(body);
            type = parsed.path("type").asString("");
        } catch (RuntimeException e) {
            return List.of("the delivery body is not JSON");
        }
        if (!Document.TYPES.contains(type)) {
            return List.of("event type '" + type + "' has no entry in the webhooks section of docs/openapi.json");
        }
        SimpleRequest.Builder request = SimpleRequest.Builder.post(PREFIX + type).withBody(body);
        headers.forEach((name, values) -> request.withHeader(name, values));
        ValidationReport report = Document.VALIDATOR.validateRequest(request.build());
        List<String> out = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR) {
                StringBuilder s = new StringBuilder("webhook ").append(type).append(": ").append(m.getKey());
                m.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                        .ifPresent(p -> s.append(" (at ").append(p.getInstance()).append(", schema ").append(p.getSchema())
                                .append(')'));
                out.add(s.toString());
            }
        }
        return out;
    }

    /** The document with its webhooks as paths, read once. */
    private static final class Document {
        static final List<String> TYPES = new ArrayList<>();
        static final OpenApiInteractionValidator VALIDATOR;

        static {
            ObjectNode doc;
            try {
                doc = (ObjectNode) Api.JSON.readTree(Files.readString(Path.of("..", "docs", "openapi.json"),
                        StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ObjectNode paths = doc.putObject("paths");
            JsonNode webhooks = doc.path("webhooks");
            for (String type : webhooks.propertyNames()) {
                TYPES.add(type);
                paths.set(PREFIX + type, webhooks.get(type));
            }
            doc.remove("webhooks");
            VALIDATOR = OpenApiInteractionValidator.createForInlineApiSpecification(doc.toString()).build();
        }
    }
}
