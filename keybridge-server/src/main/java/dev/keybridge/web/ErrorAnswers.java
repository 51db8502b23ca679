package dev.keybridge.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller handler: the error statuses it can answer beyond those the OpenAPI document gives every
 * operation of its kind (400, 429, 500, 503 always; 401 and 403 with a credential; 404 with an object in the
 * path; 413 and 415 with a body; 409 and 422 with {@link Idempotent}). For example 404 for an object named in
 * the body, 409 for a conflict. The document declares them in the error shape ({@code web.openapi.DeclaredErrors});
 * the tests check every answer against the document, so a status missing here fails the test that gets it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ErrorAnswers {

    /** The statuses, e.g. {@code {404, 409}}. */
    int[] value();
}
