package dev.keybridge.web;

import java.lang.reflect.Type;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;

/**
 * Text that cannot be stored faithfully is refused in every JSON body, before a handler sees it:
 * NUL characters (PostgreSQL text cannot hold them) and lone UTF-16 surrogates (they would collapse
 * to {@code ?} on the way to the database), in values and in field names alike. A {@link JsonRequest}
 * record runs the check first thing in its creator ({@link JsonFields#body}); this advice refuses its
 * JSON {@code null} body (which Jackson never hands to the creator) in the words a tree body got.
 */
@ControllerAdvice
public class JsonBodyText extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> c
                && (JsonNode.class.isAssignableFrom(c) || JsonRequest.class.isAssignableFrom(c));
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof JsonNode node) {
            check(node);
        } else if (body == null) {
            // A JSON null body: a typed request's creator never sees it (JsonRequest checks the text itself).
            throw Errors.invalid("The request body must be a JSON object.");
        }
        return body;
    }

    static void check(JsonNode node) {
        if (node.isString()) {
            checkText(node.asString());
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                checkText(e.getKey());
                check(e.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                check(child);
            }
        }
    }

    static void checkText(String s) {
        if (!storable(s)) {
            throw Errors.invalid("The body holds a NUL character or invalid Unicode (a lone surrogate).");
        }
    }

    /** No NUL, and every surrogate in a pair. */
    public static boolean storable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
