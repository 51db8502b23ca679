package dev.keybridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.dashboard.signin.Invites;
import dev.keybridge.dashboard.signin.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
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
import java.util.stream.Collectors;

/** The dashboard as a browser without JavaScript sees it: keeps cookies, follows nothing, posts forms. */
public final class FormBrowser {

    private final CookieManager cookies;
    private final HttpClient http;
    private final int port;
    /** The client address it claims through the (trusted, loopback) proxy, or null: 127.0.0.1. */
    private final String forwardedFor;

    public FormBrowser(int port) {
        this(new CookieManager(), port, null);
    }

    private FormBrowser(CookieManager cookies, int port, String forwardedFor) {
        this.cookies = cookies;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.port = port;
        this.forwardedFor = forwardedFor;
    }

    /** The same browser (its cookies) talking to another node. */
    FormBrowser onPort(int otherPort) {
        return new FormBrowser(cookies, otherPort, forwardedFor);
    }

    /** A new browser at client address {@code address} (sent as X-Forwarded-For, which loopback peers may set). */
    static FormBrowser from(int port, String address) {
        return new FormBrowser(new CookieManager(), port, address);
    }

    /** The value of the cookie {@code name} the browser holds now; null when none. */
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** A GET with exactly this Cookie header (another browser that copied a cookie), keeping no cookie. */
    HttpResponse<String> getWithCookie(String path, String cookie) {
        try {
            return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("cookie", cookie).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Posts a form of the page at {@code page} with that page's CSRF token. */
    public HttpResponse<String> submit(String page, String path, Map<String, String> form) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("_csrf", csrf(get(page).body()));
        return post(path, withToken);
    }

    HttpResponse<String> signIn(String email, String password) {
        return submit("/dashboard/signin", "/dashboard/signin", Map.of("email", email, "password", password));
    }

    /** A new owner of the organization (an invitation accepted over HTTP); returns its e-mail address. */
    static String owner(int port, Invites invites, String orgId) {
        return owner(port, invites, orgId, "o-" + System.nanoTime() + "@example.com");
    }

    /** A new owner with this e-mail address (an invitation accepted over HTTP); returns the address. */
    static String owner(int port, Invites invites, String orgId, String email) {
        FormBrowser b = new FormBrowser(port);
        String token = invites.issue(orgId, email, Role.OWNER).token();
        HttpResponse<String> r = b.submit("/dashboard/setup?token=" + token, "/dashboard/setup",
                Map.of("token", token, "password", ConsoleDriver.PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return email;
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> send(HttpRequest r) {
        HttpRequest request = forwardedFor == null ? r
                : HttpRequest.newBuilder(r, (name, value) -> true).header("x-forwarded-for", forwardedFor).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
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
