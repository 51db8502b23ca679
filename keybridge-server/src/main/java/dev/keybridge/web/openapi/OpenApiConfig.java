package dev.keybridge.web.openapi;

import dev.keybridge.config.KeybridgeSettings;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document served at {@code /v3/api-docs} (a copy is kept in {@code docs/openapi.json}):
 * title, version, the credential schemes of wire-formats §1 and §3, the error shape on every
 * operation ({@link ApiDocumentCustomizer}), stable operation ids ({@link OperationIds}), the
 * {@code Idempotency-Key} header of the {@code @Idempotent} handlers ({@link IdempotencyKey}), the lengths that
 * are settings ({@link SettingLengths}), what the request records refuse ({@link RequestShapes}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String API_KEY = "apiKey";
    static final String CLIENT_ID = "clientId";
    static final String CLIENT_SECRET = "clientSecret";
    static final String SESSION_TOKEN = "sessionToken";
    static final String ADMIN_TOKEN = "adminToken";

    static final String ANY_JSON = "Any JSON value.";

    static {
        // A JSON tree in a record (a udf value, a config field's value) is any JSON value, not a JsonNode bean.
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class,
                new JsonSchema().description(ANY_JSON));
    }

    @Bean
    OpenAPI keybridgeOpenApi(@Value("${build.version:dev}") String version) {
        return new OpenAPI()
                .info(new Info().title("Keybridge API").version(version)
                        .description("Linked accounts, Link, connections, the proxy, configs and webhooks. Errors "
                                + "always have the shape of the `Error` schema.")
                        .license(new License().name("Apache License 2.0").identifier("Apache-2.0")))
                // Relative: the document does not depend on the address or port it was fetched from.
                .servers(List.of(new Server().url("/").description("This Keybridge server")))
                .components(new Components()
                        .addSecuritySchemes(API_KEY, header("x-api-key",
                                "A server API key (`kb_test_…` / `kb_live_…`)."))
                        .addSecuritySchemes(CLIENT_ID, header("client_id",
                                "A client id (`ci_test_…` / `ci_live_…`), sent together with `client_secret`."))
                        .addSecuritySchemes(CLIENT_SECRET, header("client_secret",
                                "A client secret (`cs_test_…` / `cs_live_…`), sent together with `client_id`."))
                        .addSecuritySchemes(SESSION_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("A session token for one linked account (`POST /api/v2/public/session-token`)."))
                        .addSecuritySchemes(ADMIN_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("The operator's `KEYBRIDGE_ADMIN_TOKEN` (admin API, when enabled).")));
    }

    @Bean
    OpenApiCustomizer keybridgeDocument() {
        return new ApiDocumentCustomizer();
    }

    @Bean
    ModelConverter keybridgeAlwaysPresent() {
        return new AlwaysPresent();
    }

    @Bean
    ModelConverter keybridgeRequestShapes() {
        return new RequestShapes();
    }

    @Bean
    OperationCustomizer keybridgeOperationIds() {
        return new OperationIds();
    }

    @Bean
    OperationCustomizer keybridgeIdempotencyKey() {
        return new IdempotencyKey();
    }

    @Bean
    OperationCustomizer keybridgeDeclaredErrors() {
        return new DeclaredErrors();
    }

    @Bean
    PropertyCustomizer keybridgeSettingLengths(KeybridgeSettings settings) {
        return new SettingLengths(settings.limits());
    }

    private static SecurityScheme header(String name, String description) {
        return new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(name)
                .description(description);
    }
}
