package dev.keybridge.link;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OAuth2 provider and API on loopback that strictly enforces one quirk per tenant ({@code /t/{name}/…}) and
 * refuses anything else: the client's authentication method, PKCE, the scope separator, JSON token requests,
 * refresh-token rotation, refresh tokens only with extra authorize parameters, extra token-answer and callback
 * values, access tokens that never expire, required API headers and key pairs as basic auth. Access tokens expire
 * on the test server's clock (unless the tenant's never do). A second listener on another port (the
 * "instance" host) serves the same API, for token answers that name the host to call.
 */
final class QuirkyProvider implements AutoCloseable {

    static final String CLIENT_ID = "quirk-client";
    static final String CLIENT_SECRET = "quirk-secret";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one tenant insists on. Mutable only before the test uses it. */
    static final class Tenant {
        final String name;
        /** "basic" or "post": the only client authentication the token endpoint accepts. */
        String clientAuth = "basic";
        boolean pkce;
        /** The separator the authorize request's scope must use (a space-joined list is refused when it is not " "). */
        String scopeSeparator = " ";
        List<String> scopes = List.of("read");
        boolean json;
        boolean rotates;
        /** Authorize parameters without which no refresh token is issued (empty: always one). */
        Map<String, String> offlineParams = Map.of();
        /** Extra fields of every token answer. */
        Map<String, String> tokenExtras = Map.of();
        /** Extra values on the callback query. */
        Map<String, String> callbackExtras = Map.of();
        /** false: the answer says expires_in 3600 but the access token works forever. */
        boolean accessExpires = true;
        /** Headers every API call must carry (name lower-case → value). */
        Map<String, String> requiredHeaders = Map.of();
        /** A key pair accepted as HTTP basic auth on the API (instead of a bearer token), or null. */
        String basicKeyId;
        String basicKeySecret;

        final AtomicInteger codeExchanges = new AtomicInteger();
        final AtomicInteger refreshCalls = new AtomicInteger();
        final List<String> refusals = new CopyOnWriteArrayList<>();
        /** The authorize requests' query parameters, in order. */
        final List<Map<String, String>> authorizeRequests = new CopyOnWriteArrayList<>();
        /** The API calls: "host path" with the headers, in order. */
        final List<ApiCall> apiCalls = new CopyOnWriteArrayList<>();
        /** The refresh tokens issued, in order (the last is the live one when rotating). */
        final List<String> issuedRefreshTokens = new CopyOnWriteArrayList<>();

        Tenant(String name) {
            this.name = name;
        }
    }

    record ApiCall(String listener, String path, String query, Map<String, String> headers) {}

    private record Code(Tenant tenant, String redirectUri, String challenge, boolean offline, String scope) {}

    private record Access(Tenant tenant, Instant until) {}

    private final HttpServer main;
    private final HttpServer instance;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Access> access = new ConcurrentHashMap<>();
    /** live refresh token → its tenant */
    private final Map<String, Tenant> refresh = new ConcurrentHashMap<>();
    private final AtomicInteger serial = new AtomicInteger();
    private volatile Clock clock = Clock.systemUTC();

    QuirkyProvider() {
        main = listen("main");
        instance = listen("instance");
    }

    private HttpServer listen(String listener) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            s.createContext("/t/", ex -> handle(listener, ex));
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tenant tenant(String name) {
        return tenants.computeIfAbsent(name, Tenant::new);
    }

    /** The clock access tokens expire on (the test server's). */
    void clock(Clock clock) {
        this.clock = clock;
    }

    /** {@code http://127.0.0.1:port/t/{name}} on the main listener. */
    String base(String tenant) {
        return "http://127.0.0.1:" + main.getAddress().getPort() + "/t/" + tenant;
    }

    /** The same tenant on the other listener (another host:port). */
    String instanceBase(String tenant) {
        return "http://127.0.0.1:" + instance.getAddress().getPort() + "/t/" + tenant;
    }

    private void handle(String listener, HttpExchange ex) throws IOException {
        try (ex) {
            String[] parts = ex.getRequestURI().getRawPath().split("/", 5);   // "", t, name, endpoint, rest
            Tenant t = parts.length >= 4 ? tenants.get(parts[2]) : null;
            if (t == null) {
                send(ex, 404, Map.of("error", "no such tenant"));
                return;
            }
            switch (parts[3]) {
                case "authorize" -> authorize(t, ex);
                case "token" -> token(t, ex);
                case "api" -> api(t, listener, ex, parts.length == 5 ? parts[4] : "");
                default -> send(ex, 404, Map.of("error", "no such endpoint"));
            }
        }
    }

    /** The consent screen, granted at once: back to redirect_uri with a code, or an OAuth error. */
    private void authorize(Tenant t, HttpExchange ex) throws IOException {
        Map<String, String> q = form(ex.getRequestURI().getRawQuery());
        t.authorizeRequests.add(q);
        String redirect = q.get("redirect_uri");
        if (redirect == null || !CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))) {
            send(ex, 400, Map.of("error", "invalid_request"));
            return;
        }
        String expectedScope = String.join(t.scopeSeparator, t.scopes);
        String refusal = null;
        if (!expectedScope.equals(q.get("scope"))) {
            refusal = "invalid_scope";
        } else if (t.pkce && (q.get("code_challenge") == null || !"S256".equals(q.get("code_challenge_method")))) {
            refusal = "invalid_request";     // "code challenge required"
        }
        String back;
        if (refusal != null) {
            t.refusals.add("authorize: " + refusal + " " + q);
            back = redirect + "?error=" + refusal + "&state=" + enc(q.get("state"));
        } else {
            boolean offline = t.offlineParams.entrySet().stream().allMatch(e -> e.getValue().equals(q.get(e.getKey())));
            String code = "code_" + serial.incrementAndGet();
            codes.put(code, new Code(t, redirect, q.get("code_challenge"), offline, q.get("scope")));
            StringBuilder b = new StringBuilder(redirect).append("?code=").append(code).append("&state=").append(enc(q.get("state")));
            t.callbackExtras.forEach((k, v) -> b.append('&').append(enc(k)).append('=').append(enc(v)));
            back = b.toString();
        }
        ex.getResponseHeaders().add("location", back);
        ex.sendResponseHeaders(302, -1);
    }

    private void token(Tenant t, HttpExchange ex) throws IOException {
        String type = String.valueOf(ex.getRequestHeaders().getFirst("content-type")).toLowerCase(Locale.ROOT);
        String raw = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> p;
        if (t.json) {
            if (!type.startsWith("application/json")) {
                refuse(t, ex, 415, "invalid_request", "JSON bodies only, got " + type);
                return;
            }
            p = new LinkedHashMap<>();
            JsonNode body;
            try {
                body = JSON.readTree(raw);
            } catch (RuntimeException e) {
                refuse(t, ex, 400, "invalid_request", "not JSON: " + raw);
                return;
            }
            for (Map.Entry<String, JsonNode> e : body.properties()) {
                p.put(e.getKey(), e.getValue().asString());
            }
        } else {
            if (!type.startsWith("application/x-www-form-urlencoded")) {
                refuse(t, ex, 415, "invalid_request", "form bodies only, got " + type);
                return;
            }
            p = form(raw);
        }
        String auth = ex.getRequestHeaders().getFirst("authorization");
        boolean basicOk = auth != null && auth.equals("Basic " + Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        boolean postOk = CLIENT_ID.equals(p.get("client_id")) && CLIENT_SECRET.equals(p.get("client_secret"));
        boolean clientOk = "basic".equals(t.clientAuth) ? basicOk && !p.containsKey("client_secret")
                : postOk && auth == null;
        if (!clientOk) {
            refuse(t, ex, 401, "invalid_client", "client authentication must be client_secret_" + t.clientAuth);
            return;
        }
        boolean offline;
        if ("authorization_code".equals(p.get("grant_type"))) {
            Code code = codes.remove(String.valueOf(p.get("code")));
            if (code == null || code.tenant() != t || !code.redirectUri().equals(p.get("redirect_uri"))) {
                refuse(t, ex, 400, "invalid_grant", "unknown code or redirect_uri");
                return;
            }
            if (t.pkce && (p.get("code_verifier") == null || !challenge(p.get("code_verifier")).equals(code.challenge()))) {
                refuse(t, ex, 400, "invalid_grant", "code_verifier missing or wrong");
                return;
            }
            t.codeExchanges.incrementAndGet();
            offline = code.offline();
        } else if ("refresh_token".equals(p.get("grant_type"))) {
            String rt = p.get("refresh_token");
            if (rt == null || refresh.get(rt) != t) {
                refuse(t, ex, 400, "invalid_grant", "refresh token not live: " + rt);
                return;
            }
            t.refreshCalls.incrementAndGet();
            if (!t.rotates) {
                Map<String, Object> answer = grant(t, false);
                answer.put("refresh_token", rt);
                send(ex, 200, answer);
                return;
            }
            refresh.remove(rt);           // rotation: the old refresh token is dead from now on
            offline = true;
        } else {
            refuse(t, ex, 400, "unsupported_grant_type", String.valueOf(p.get("grant_type")));
            return;
        }
        send(ex, 200, grant(t, offline));
    }

    private Map<String, Object> grant(Tenant t, boolean withRefreshToken) {
        int n = serial.incrementAndGet();
        String at = "qa_" + t.name + "_" + n;
        access.put(at, new Access(t, t.accessExpires ? clock.instant().plusSeconds(3600) : Instant.MAX));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", at);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", 3600);
        answer.put("scope", String.join(t.scopeSeparator, t.scopes));
        if (withRefreshToken) {
            String rt = "qr_" + t.name + "_" + n;
            refresh.put(rt, t);
            t.issuedRefreshTokens.add(rt);
            answer.put("refresh_token", rt);
        }
        answer.putAll(t.tokenExtras);
        return answer;
    }

    private void api(Tenant t, String listener, HttpExchange ex, String rest) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        t.apiCalls.add(new ApiCall(listener, ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(), headers));
        for (Map.Entry<String, String> required : t.requiredHeaders.entrySet()) {
            if (!required.getValue().equals(headers.get(required.getKey()))) {
                send(ex, 400, Map.of("error", "missing_header", "header", required.getKey()));
                return;
            }
        }
        String auth = headers.getOrDefault("authorization", "");
        boolean ok;
        if (t.basicKeyId != null) {
            ok = auth.equals("Basic " + Base64.getEncoder().encodeToString((t.basicKeyId + ":" + t.basicKeySecret)
                    .getBytes(StandardCharsets.UTF_8)));
        } else {
            Access a = auth.startsWith("Bearer ") ? access.get(auth.substring(7)) : null;
            ok = a != null && a.tenant() == t && clock.instant().isBefore(a.until());
        }
        if (!ok) {
            send(ex, 401, Map.of("error", "invalid_token"));
            return;
        }
        send(ex, 200, Map.of("listener", listener, "path", ex.getRequestURI().getRawPath(), "rest", rest));
    }

    private void refuse(Tenant t, HttpExchange ex, int status, String error, String why) throws IOException {
        t.refusals.add("token: " + error + " (" + why + ")");
        send(ex, status, Map.of("error", error, "error_description", why));
    }

    /** The tenant's refusals so far (for assertion messages). */
    List<String> refusals(Tenant t) {
        return new ArrayList<>(t.refusals);
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("content-type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String challenge(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> form(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (s == null || s.isEmpty()) {
            return out;
        }
        for (String pair : s.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        main.stop(0);
        instance.stop(0);
    }
}
