package dev.keybridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the hosted Link pages over real HTTP the way a browser without JavaScript would: follows
 * nothing by itself, posts forms, reads the rendered page.
 */
public final class LinkDriver {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    /** A response of a Link page: status, the redirect target if any, the HTML. */
    public record Page(int status, String location, String html) {
        public String step() {
            return find("data-step=\"([a-z]+)\"");
        }

        public String error() {
            String e = find("class=\"error\" role=\"alert\"[^>]*>([^<]*)<");
            return e == null ? null : e.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
        }

        public String publicToken() {
            return find("id=\"public-token\">(pt_[A-Za-z0-9_]+)<");
        }

        public boolean hasField(String name) {
            return html.contains("name=\"" + name + "\"");
        }

        public String find(String regex) {
            Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(html);
            return m.find() ? m.group(1) : null;
        }
    }

    private final String base;
    private String handle;

    public LinkDriver(String base) {
        this.base = base;
    }

    public String handle() {
        return handle;
    }

    /** Opens Link with a link token; expects the redirect to the session page and loads it. */
    public Page open(String linkToken) {
        return open(linkToken, null);
    }

    /** Opens Link as a page of {@code origin} would (link.js passes its origin). */
    public Page open(String linkToken, String origin) {
        Page first = openRaw(linkToken, origin);
        assertThat(first.status()).as(first.html()).isEqualTo(302);
        assertThat(first.location()).contains("/link/s/ls_");
        handle = first.location().substring(first.location().indexOf("/link/s/") + "/link/s/".length()).replaceAll("\\?.*", "");
        return get("/link/s/" + handle);
    }

    public Page openRaw(String linkToken, String origin) {
        String q = "/link?token=" + enc(linkToken) + (origin == null ? "" : "&origin=" + enc(origin));
        return get(q);
    }

    public Page select(String slug) {
        return post("/link/s/" + handle + "/select", Map.of("slug", slug));
    }

    public Page submit(Map<String, String> fields) {
        return post("/link/s/" + handle + "/submit", fields);
    }

    public Page exit() {
        return post("/link/s/" + handle + "/exit", Map.of());
    }

    /** GETs and follows the session page's 303 (an OAuth callback answers with one). */
    public Page visit(String pathOrUrl) {
        Page page = get(pathOrUrl);
        return page.status() == 303 ? get(page.location()) : page;
    }

    public Page get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    /** Posts a form; follows the post/redirect/get back to the session's page as a browser would (303). */
    public Page post(String path, Map<String, String> form) {
        Page answer = postRaw(path, form);
        return answer.status() == 303 ? follow(answer) : answer;
    }

    /** Posts a form and returns the answer as it is (a 303 to the session's page, a redirect out, a page). */
    public Page postRaw(String path, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        new LinkedHashMap<>(form).forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return send(HttpRequest.newBuilder(uri(path)).header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Follows a redirect (absolute or relative), and the session page's own 303 after it (OAuth callbacks). */
    public Page follow(Page page) {
        assertThat(page.location()).as("a redirect").isNotNull();
        Page next = get(page.location());
        return next.status() == 303 ? get(next.location()) : next;
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    private static Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(r.statusCode(), r.headers().firstValue("location").orElse(null), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
