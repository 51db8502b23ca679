package dev.keybridge.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/**
 * A simulated EHR on loopback for the SMART on FHIR tests: a real FHIR R4 server (HAPI FHIR's plain
 * {@link RestfulServer} with an in-memory Patient, in Jetty) at {@link #baseUrl()} that serves
 * {@code .well-known/smart-configuration} and answers only bearer tokens it issued, and a small SMART
 * authorization server (JDK HttpServer, another port): an authorize endpoint that checks the request
 * (client, redirect, {@code aud}, scopes, PKCE S256) and redirects back with a code, and a token endpoint that
 * checks the client, the code and the PKCE verifier and answers tokens with the launch context
 * ({@code patient}, {@code encounter}), and refreshes until {@link #refuseRefresh} is set. Close it at the end.
 */
public final class SimulatedEhr implements AutoCloseable {

    public static final String PATIENT_ID = "smart-patient-1";
    public static final String ENCOUNTER_ID = "enc-77";

    private final String clientId;
    private final String clientSecret;
    private final Server jetty;
    private final HttpServer auth;
    private final String baseUrl;
    private final String authBase;

    /** Codes handed out: code → what the authorize request said. */
    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    /** The authorize requests received (their query parameters). */
    public final List<Map<String, String>> authorizeRequests = new CopyOnWriteArrayList<>();
    /** The bearer tokens the FHIR server saw, in order. */
    public final List<String> bearersSeen = new CopyOnWriteArrayList<>();
    public final AtomicInteger codeGrants = new AtomicInteger();
    public final AtomicInteger refreshGrants = new AtomicInteger();
    /** Refuse every refresh with {@code invalid_grant} (the patient revoked the app at the portal). */
    public volatile boolean refuseRefresh;

    public SimulatedEhr(String clientId, String clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        try {
            auth = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            auth.createContext("/oauth2/authorize", this::authorize);
            auth.createContext("/oauth2/token", this::token);
            auth.start();
            authBase = "http://127.0.0.1:" + auth.getAddress().getPort() + "/oauth2";

            jetty = new Server();
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            jetty.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            context.addServlet(new ServletHolder(new Configuration()), "/fhir/.well-known/smart-configuration");
            context.addServlet(new ServletHolder(new Fhir()), "/fhir/*");
            jetty.setHandler(context);
            jetty.start();
            baseUrl = "http://127.0.0.1:" + connector.getLocalPort() + "/fhir";
        } catch (Exception e) {
            close();
            throw new IllegalStateException("the simulated EHR did not start", e);
        }
    }

    /** The FHIR base URL the end user enters. */
    public String baseUrl() {
        return baseUrl;
    }

    public String tokenEndpoint() {
        return authBase + "/token";
    }

    @Override
    public void close() {
        if (auth != null) {
            auth.stop(0);
        }
        try {
            if (jetty != null) {
                jetty.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SMART App Launch discovery document. */
    private final class Configuration extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("application/json");
            resp.getWriter().write("""
                    {"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
                     "grant_types_supported": ["authorization_code", "refresh_token"],
                     "code_challenge_methods_supported": ["S256"],
                     "token_endpoint_auth_methods_supported": ["client_secret_basic"],
                     "scopes_supported": ["openid", "fhirUser", "launch/patient", "offline_access", "patient/*.read"],
                     "capabilities": ["launch-standalone", "client-confidential-symmetric", "context-standalone-patient",
                                      "permission-offline", "permission-patient", "sso-openid-connect"]}
                    """.formatted(authBase));
        }
    }

    /** HAPI FHIR's RestfulServer behind a bearer check: only tokens the token endpoint issued (and not refreshed away). */
    private final class Fhir extends RestfulServer {
        Fhir() {
            super(FhirContext.forR4());
            registerProvider(new Patients());
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws jakarta.servlet.ServletException,
                IOException {
            String header = req.getHeader("authorization");
            String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
            if (token == null || !accessTokens.contains(token)) {
                resp.setStatus(401);
                resp.setContentType("application/fhir+json");
                resp.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                        + "\"code\":\"login\"}]}");
                return;
            }
            bearersSeen.add(token);
            super.service(req, resp);
        }
    }

    /** One patient in memory. */
    public static final class Patients implements IResourceProvider {
        @Override
        public Class<Patient> getResourceType() {
            return Patient.class;
        }

        @Read
        public Patient read(@IdParam IdType id) {
            if (!PATIENT_ID.equals(id.getIdPart())) {
                throw new ResourceNotFoundException(id);
            }
            Patient p = new Patient();
            p.setId(PATIENT_ID);
            p.addName().setFamily("Chalmers").addGiven("Peter");
            p.setGender(Enumerations.AdministrativeGender.MALE);
            return p;
        }
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
        authorizeRequests.add(q);
        String scope = q.getOrDefault("scope", "");
        boolean ok = "code".equals(q.get("response_type")) && clientId.equals(q.get("client_id"))
                && q.get("redirect_uri") != null && q.get("state") != null && baseUrl.equals(q.get("aud"))
                && "S256".equals(q.get("code_challenge_method")) && q.get("code_challenge") != null
                && List.of(scope.split(" ")).containsAll(List.of("launch/patient", "openid", "fhirUser", "offline_access"));
        if (!ok) {
            send(exchange, 400, "text/plain", "bad authorize request: " + q);
            return;
        }
        String code = "code-" + UUID.randomUUID();
        codes.put(code, q);
        String location = q.get("redirect_uri") + (q.get("redirect_uri").contains("?") ? "&" : "?") + "code="
                + URLEncoder.encode(code, StandardCharsets.UTF_8) + "&state=" + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = exchange.getRequestHeaders().getFirst("authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(basic)) {
            send(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
            return;
        }
        switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> {
                Map<String, String> asked = codes.remove(form.getOrDefault("code", ""));
                if (asked == null || !asked.get("redirect_uri").equals(form.get("redirect_uri"))
                        || form.get("code_verifier") == null
                        || !challenge(form.get("code_verifier")).equals(asked.get("code_challenge"))) {
                    send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
                    return;
                }
                codeGrants.incrementAndGet();
                send(exchange, 200, "application/json", tokens(asked.get("scope"), true));
            }
            case "refresh_token" -> {
                String refresh = form.getOrDefault("refresh_token", "");
                if (refuseRefresh || !refreshTokens.contains(refresh)) {
                    send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
                    return;
                }
                refreshGrants.incrementAndGet();
                send(exchange, 200, "application/json", tokens(null, false));
            }
            default -> send(exchange, 400, "application/json", "{\"error\":\"unsupported_grant_type\"}");
        }
    }

    /** A token answer; the first carries the launch context and a refresh token (refreshes keep the refresh token). */
    private String tokens(String scope, boolean first) {
        String access = "ehr-at-" + UUID.randomUUID();
        accessTokens.add(access);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access);
        body.put("token_type", "Bearer");
        body.put("expires_in", 3600);
        if (first) {
            String refresh = "ehr-rt-" + UUID.randomUUID();
            refreshTokens.add(refresh);
            body.put("refresh_token", refresh);
            body.put("scope", scope);
            body.put("patient", PATIENT_ID);
            body.put("encounter", ENCOUNTER_ID);
            body.put("need_patient_banner", true);
        }
        return Api.JSON.writeValueAsString(body);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The query parameters of a URL. */
    public static Map<String, String> params(String url) {
        return query(URI.create(url).getRawQuery());
    }
}
