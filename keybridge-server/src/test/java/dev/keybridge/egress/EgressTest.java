package dev.keybridge.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.keybridge.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The egress door against real local servers: the address rule per environment, redirects, streaming. */
class EgressTest extends IntegrationTest {

    @Autowired
    Egress egress;

    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger redirectedHits = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hello", x -> {
            hits.incrementAndGet();
            byte[] in = x.getRequestBody().readAllBytes();
            byte[] body = ("hello " + in.length).getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.createContext("/redirect", x -> {
            hits.incrementAndGet();
            x.getResponseHeaders().add("location", "http://localhost:" + server.getAddress().getPort() + "/target");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.createContext("/target", x -> {
            redirectedHits.incrementAndGet();
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        server.createContext("/big", x -> {
            x.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 64; i++) {
                x.getResponseBody().write(chunk);
            }
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String host, String path) {
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + path);
    }

    @Test
    void doesRefuseLoopbackInProductionForEveryPurposeWithoutConnecting() {
        for (Egress.Purpose purpose : Egress.Purpose.values()) {
            for (String host : new String[] {"127.0.0.1", "localhost", "[::ffff:127.0.0.1]"}) {
                HttpRequest request = HttpRequest.newBuilder(uri(host, "/hello")).GET().build();
                assertThatThrownBy(() -> egress.client(purpose, true)
                        .send(request, HttpResponse.BodyHandlers.ofString()))
                        .as(purpose + " " + host).isInstanceOf(IOException.class).hasMessageContaining("non-public");
            }
        }
        assertThat(hits.get()).isZero();
    }

    @Test
    void doesReachLocalAddressesWhenTheEnvironmentIsTest() throws Exception {
        HttpResponse<String> r = egress.client(Egress.Purpose.PROVIDER, false).send(
                HttpRequest.newBuilder(uri("127.0.0.1", "/hello")).POST(HttpRequest.BodyPublishers.ofString("abc")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello 3");
    }

    @Test
    void doesNotFollowRedirectsWhenTheServerSendsOne() throws Exception {
        HttpResponse<Void> r = egress.client(Egress.Purpose.WEBHOOK, false).send(
                HttpRequest.newBuilder(uri("127.0.0.1", "/redirect")).GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(redirectedHits.get()).isZero();
    }

    @Test
    void doesStreamLargeBodiesBothWaysWhenSentThroughTheDoor() throws Exception {
        byte[] upload = new byte[3 * 1024 * 1024];
        HttpResponse<String> up = egress.client(Egress.Purpose.PROXY, false).send(
                HttpRequest.newBuilder(uri("127.0.0.1", "/hello")).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(upload))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(up.body()).isEqualTo("hello " + upload.length);
        HttpResponse<InputStream> down = egress.client(Egress.Purpose.PROXY, false).send(
                HttpRequest.newBuilder(uri("127.0.0.1", "/big")).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = down.body()) {
            assertThat(in.readAllBytes()).hasSize(64 * 64 * 1024);
        }
    }
}
