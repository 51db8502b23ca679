package dev.keybridge.webhook;

import dev.keybridge.events.EventType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.Ordered;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The OpenAPI document's {@code webhooks} section (OpenAPI 3.1), made from the {@link EventType} catalogue:
 * one entry per type, named by its wire name, whose request body is the envelope {@link Envelope} writes with
 * {@code data} the type's payload record (its schema generated from the record, as the API's are), and whose
 * parameters are the Standard Webhooks headers {@link Sender} sends. Runs before {@code web.openapi}'s
 * document customizer, which then treats these schemas as it treats every other (times, kept schemas).
 */
@Component
class WebhookDocument implements OpenApiCustomizer, Ordered {

    static final String ENVELOPE_DESCRIPTION = "The signed body every receiver gets: the event's id (also the "
            + "`webhook-id` header), `object` \"event\", when it was created, its type, the environment, and `data`.";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // before web.openapi's customizer, which sorts and keeps used schemas
    }

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        Map<String, PathItem> webhooks = new TreeMap<>();
        for (EventType<?> type : EventType.values()) {
            String ref = register(components, payloadRecord(type));
            webhooks.put(type.wire(), new PathItem().post(operation(type, ref)));
        }
        openApi.setWebhooks(new LinkedHashMap<>(webhooks));
    }

    /** The record a type's payload is: the record itself, or the one record implementing its marker interface. */
    static Class<?> payloadRecord(EventType<?> type) {
        Class<?> payload = type.payload();
        if (payload.isRecord()) {
            return payload;
        }
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isConcrete();
            }
        };
        scan.addIncludeFilter(new AssignableTypeFilter(payload));
        List<Class<?>> found = new ArrayList<>();
        for (BeanDefinition d : scan.findCandidateComponents("dev.keybridge")) {
            Class<?> c = ClassUtils.resolveClassName(String.valueOf(d.getBeanClassName()), WebhookDocument.class.getClassLoader());
            if (c.isRecord()) {
                found.add(c);
            }
        }
        if (found.size() != 1) {
            throw new IllegalStateException(type.wire() + ": " + payload.getName()
                    + " must be implemented by exactly one record, found " + found);
        }
        return found.getFirst();
    }

    /** Adds the record's schema (and those it uses) unless present; answers its $ref. */
    @SuppressWarnings("rawtypes")
    private static String register(Components components, Class<?> record) {
        ResolvedSchema resolved = ModelConverters.getInstance(true)
                .readAllAsResolvedSchema(new AnnotatedType(record).resolveAsRef(true));
        if (components.getSchemas() == null) {
            components.setSchemas(new LinkedHashMap<>());
        }
        Map<String, Schema> schemas = components.getSchemas();
        if (resolved.referencedSchemas != null) {
            resolved.referencedSchemas.forEach(schemas::putIfAbsent);
        }
        return resolved.schema.get$ref();
    }

    private static Operation operation(EventType<?> type, String payloadRef) {
        List<String> aliases = EventAliases.ALIASES.entrySet().stream().filter(e -> e.getValue() == type)
                .map(e -> "`" + e.getKey() + "`").sorted().toList();
        String description = type.description() + (aliases.isEmpty() ? "" : " Endpoints may also subscribe to it as "
                + String.join(", ", aliases) + " (the original system's name).");
        Schema<?> envelope = object(ENVELOPE_DESCRIPTION)
                .addProperty("id", string("The event's id (`evt_…`), also the `webhook-id` header: the same on every "
                        + "retry, redelivery and replay; deduplicate on it."))
                .addProperty("object", string("Always `event`.")._enum(List.of("event")))
                .addProperty("created", string("When the event was written (ISO-8601 UTC, milliseconds).")
                        .format("date-time"))
                .addProperty("type", string("The event type.")._enum(List.of(type.wire())))
                .addProperty("environment", string("The environment of the change.")._enum(List.of("test", "production")))
                .addProperty("data", new Schema<>().$ref(payloadRef));
        envelope.setRequired(List.of("id", "object", "created", "type", "environment", "data"));
        envelope.setAdditionalProperties(false);
        return new Operation()
                .operationId("webhook" + camel(type.wire()))
                .summary(type.wire())
                .description(description)
                .addTagsItem("webhooks")
                .parameters(headers())
                .requestBody(new RequestBody().required(true).content(new Content()
                        .addMediaType("application/json", new MediaType().schema(envelope))))
                .responses(new ApiResponses()
                        .addApiResponse("2XX", new ApiResponse().description("Received: answer within the timeout, "
                                + "do slow work after."))
                        .addApiResponse("4XX", new ApiResponse().description("Refused: not retried (but 408 and 429); "
                                + "the delivery is marked failed."))
                        .addApiResponse("5XX", new ApiResponse().description("Retried on the retry schedule "
                                + "(`Retry-After` is honoured).")))
                .security(List.of());
    }

    private static List<Parameter> headers() {
        return List.of(
                header("webhook-id", "The event id (`evt_…`); deduplicate on it."),
                header("webhook-timestamp", "Seconds since the epoch when this attempt was signed; refuse old ones."),
                header("webhook-signature", "`v1,<base64 HMAC-SHA256 of webhook-id.webhook-timestamp.body>` keyed "
                        + "with the endpoint's secret; two entries separated by a space during a secret rotation."),
                header("webhook-attempt", "Which attempt of this delivery this is (1, 2, …)."));
    }

    private static Parameter header(String name, String description) {
        return new HeaderParameter().name(name).required(true).description(description).schema(string(null));
    }

    private static Schema<Object> object(String description) {
        return typed("object", description);
    }

    private static Schema<Object> string(String description) {
        return typed("string", description);
    }

    private static Schema<Object> typed(String type, String description) {
        Schema<Object> s = new JsonSchema();
        s.setType(type);
        s.setTypes(new LinkedHashSet<>(Set.of(type)));
        s.setDescription(description);
        return s;
    }

    private static String camel(String wire) {
        StringBuilder out = new StringBuilder();
        for (String part : wire.split("[._]")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }
}
