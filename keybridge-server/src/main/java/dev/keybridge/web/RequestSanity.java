package dev.keybridge.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses malformed input before anything reads it, in the error shape and with no side effect:
 * a query string with a bad {@code %} escape, invalid UTF-8 or control characters (NUL cannot be
 * stored by PostgreSQL at all), a query or form body with a parameter with an empty name ({@code ?=x}) or
 * more than {@value #MAX_PARAMETERS} parameters (Tomcat refused those itself; Jetty drops or keeps them,
 * so they are counted here), a form body that does not decode, and a
 * {@code Content-Type} that is not one concrete media type ({@code *}{@code /*}, garbage). Runs right
 * after {@link RequestIds}, before authentication.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class RequestSanity extends OncePerRequestFilter {

    /** The most parameters a query string (or a form body) may hold, Tomcat's old limit. */
    static final int MAX_PARAMETERS = 1000;

    private final ErrorWriter errors;

    public RequestSanity(ErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiException refusal = refusal(request);
        if (refusal != null) {
            errors.write(request, response, refusal);
            return;
        }
        chain.doFilter(request, response);
    }

    private static @Nullable ApiException refusal(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null && !queryIsClean(query)) {
            return Errors.invalid("The query string is malformed: bad %-escape, invalid UTF-8 or a control character.");
        }
        String contentType = request.getContentType();
        MediaType type = null;
        if (contentType != null) {
            try {
                type = MediaType.parseMediaType(contentType);
            } catch (InvalidMediaTypeException e) {
                type = null;
            }
            if (type == null || type.isWildcardType() || type.isWildcardSubtype() || !parametersWellFormed(contentType)) {
                return new Errors.UnsupportedMediaType("The Content-Type header must name one media type, e.g. application/json.");
            }
        }
        if (request.getRequestURI().startsWith("/v1/proxy/")
                || type != null && MediaType.MULTIPART_FORM_DATA.includes(type)) {
            return null; // the proxy forwards query and body as they are; nothing here takes multipart bodies
        }
        boolean form = type != null && MediaType.APPLICATION_FORM_URLENCODED.includes(type);
        if (query != null && !parametersNamed(query)) {
            return Errors.invalid("The query string is malformed: a parameter with an empty name ('=value') or too many "
                    + "parameters.");
        }
        Map<String, String[]> parameters;
        try {
            // The container parses a form body when parameters are first read, and throws when it does not
            // decode or holds too many: refuse that here, as a 400.
            parameters = request.getParameterMap();
            if (parameters.containsKey("") || parameters.size() > MAX_PARAMETERS) {
                throw new IllegalArgumentException("a parameter with an empty name or too many");
            }
        } catch (RuntimeException e) {
            return Errors.invalid(form ? "The query string or form body is malformed: a parameter with an empty name "
                    + "('=value'), a bad %-escape, invalid UTF-8 or too many parameters."
                    : "The query string is malformed: a parameter with an empty name ('=value') or too many parameters.");
        }
        if (form) {
            for (Map.Entry<String, String[]> e : parameters.entrySet()) {
                if (!clean(e.getKey())) {
                    return Errors.invalid("The form body holds a control character.");
                }
                for (String v : e.getValue()) {
                    if (!cleanText(v)) {
                        return Errors.invalid("The form body holds a control character.");
                    }
                }
            }
        }
        return null;
    }

    /**
     * Every parameter of a query string has a name ({@code ?=x} and {@code ?=} have none; an empty pair such
     * as {@code ?a&&b} is skipped), and there are at most {@value #MAX_PARAMETERS}.
     */
    static boolean parametersNamed(String query) {
        int count = 0;
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            if (pair.charAt(0) == '=' || ++count > MAX_PARAMETERS) {
                return false;
            }
        }
        return true;
    }

    /** Every {@code %XX} escape complete, the decoded bytes valid UTF-8, no control characters. */
    static boolean queryIsClean(String query) {
        ByteBuffer bytes = ByteBuffer.allocate(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length()) {
                    return false;
                }
                int hi = Character.digit(query.charAt(i + 1), 16);
                int lo = Character.digit(query.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return false;
                }
                bytes.put((byte) (hi << 4 | lo));
                i += 2;
            } else if (c > 0x7e || c < 0x20) {
                return false;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
            return clean(decoded);
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Every {@code ;} parameter of a media type is {@code name=value} (Spring silently drops the others). */
    static boolean parametersWellFormed(String mediaType) {
        String[] parts = mediaType.split(";", -1);
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                return false;
            }
        }
        return true;
    }

    /** As {@link #clean}, but a form value may hold line breaks and tabs (a textarea: one entry per line). */
    static boolean cleanText(String s) {
        return clean(s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' '));
    }

    /** No C0 control character and no DEL (tab included: nothing we take needs one in a URL or form key). */
    static boolean clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
