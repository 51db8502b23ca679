package dev.keybridge.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller handler that creates something or acts: its requests honour an {@code Idempotency-Key}
 * header (the same key and request within the key's lifetime answer the first answer again without acting
 * twice). Requests to handlers without it ignore the header. The idempotency filter learns the routes from
 * the annotated handlers at startup, and the OpenAPI document adds the header (and its 409/422 answers) to
 * their operations; nothing else lists them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {}
