package dev.keybridge.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code {"success": true}}: the answer of a call that has nothing else to say. */
@Schema(name = "Success")
public record SuccessResponse(boolean success) {

    public static final SuccessResponse OK = new SuccessResponse(true);
}
