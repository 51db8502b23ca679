package dev.keybridge.sdk.net;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** The default transport: the JDK's {@link HttpClient} (HTTP/1.1 and HTTP/2, no dependency). */
public final class JdkHttpTransport implements HttpTransport {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "host", "expect", "upgrade");

    private final HttpClient client;

    /** A transport over {@code client} (share one client: it pools connections). */
    public JdkHttpTransport(HttpClient client) {
        this.client = client;
    }

    /** A transport over a new client with this connect timeout, not following redirects. */
    public static JdkHttpTransport withConnectTimeout(Duration connectTimeout) {
        return new JdkHttpTransport(HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(request.timeout());
        request.headers().forEach((k, v) -> {
            if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT))) {
                b.header(k, v);
            }
        });
        b.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new TransportResponse(r.statusCode(), r.headers().map(), r.body());
    }

    @Override
    public String toString() {
        return "JdkHttpTransport";
    }
}
