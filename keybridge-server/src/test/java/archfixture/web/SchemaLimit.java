package archfixture.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** A request member whose limit only the OpenAPI document knows. */
public record SchemaLimit(@Schema(maxLength = 10) String name) {}
