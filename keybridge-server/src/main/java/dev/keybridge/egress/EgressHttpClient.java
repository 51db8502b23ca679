package dev.keybridge.egress;

import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.util.Timeout;

/**
 * A {@link java.net.http.HttpClient} (the type the connector SPI and our callers speak) that sends
 * through an Apache client built by {@link Egress}: connections go only to addresses that
 * {@link GuardedDnsResolver} resolved and checked, redirects are never followed, and every request
 * has a response timeout ({@link HttpRequest#timeout()} or the purpose's default).
 */
final class EgressHttpClient extends HttpClient {

    private static final ExecutorService EXECUTOR = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("egress-", 0).factory());

    private final CloseableHttpClient client;
    private final Duration connectTimeout;
    private final Duration responseTimeout;

    EgressHttpClient(CloseableHttpClient client, Duration connectTimeout, Duration responseTimeout) {
        this.client = client;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return new Call<>(request, handler).execute();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        Call<T> call = new Call<>(request, handler);
        CompletableFuture<HttpResponse<T>> future = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterrupt) {
                call.abort();
                return super.cancel(mayInterrupt);
            }
        };
        EXECUTOR.execute(() -> {
            try {
                future.complete(call.execute());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return sendAsync(request, handler);
    }

    /** One exchange: the Apache request, so an async caller can abort it. */
    private final class Call<T> {
        private final HttpRequest request;
        private final HttpResponse.BodyHandler<T> handler;
        private final HttpUriRequestBase out;

        Call(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            this.request = request;
            this.handler = handler;
            this.out = new HttpUriRequestBase(request.method(), request.uri());
            request.headers().map().forEach((name, values) -> values.forEach(v -> out.addHeader(name, v)));
            request.bodyPublisher().filter(p -> p.contentLength() != 0).ifPresent(p -> out.setEntity(new PublisherEntity(p)));
            out.setConfig(RequestConfig.custom().setRedirectsEnabled(false)
                    .setResponseTimeout(Timeout.of(request.timeout().orElse(responseTimeout))).build());
        }

        void abort() {
            out.cancel();
        }

        HttpResponse<T> execute() throws IOException, InterruptedException {
            ClassicHttpResponse response;
            try {
                response = client.executeOpen(null, out, null);
            } catch (ConnectTimeoutException e) {
                throw new HttpConnectTimeoutException("connect timed out: " + request.uri().getHost());
            } catch (SocketTimeoutException e) {
                throw new HttpTimeoutException("request timed out: " + request.uri().getHost());
            }
            HttpHeaders headers = headers(response);
            int status = response.getCode();
            HttpResponse.BodySubscriber<T> subscriber = handler.apply(new HttpResponse.ResponseInfo() {
                @Override
                public int statusCode() {
                    return status;
                }

                @Override
                public HttpHeaders headers() {
                    return headers;
                }

                @Override
                public Version version() {
                    return Version.HTTP_1_1;
                }
            });
            InputStream in = response.getEntity() == null ? InputStream.nullInputStream() : response.getEntity().getContent();
            BodyPump pump = new BodyPump(in, subscriber, () -> close(response), () -> {
                out.cancel();
                close(response);
            });
            subscriber.onSubscribe(pump);
            EXECUTOR.execute(pump);
            T body;
            try {
                body = subscriber.getBody().toCompletableFuture().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SocketTimeoutException) {
                    throw new HttpTimeoutException("response timed out: " + request.uri().getHost());
                }
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
            return new Response<>(status, request, headers, body);
        }
    }

    private static void close(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // the connection is discarded either way
        }
    }

    private static HttpHeaders headers(ClassicHttpResponse response) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header h : response.getHeaders()) {
            map.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
        }
        return HttpHeaders.of(map, (a, b) -> true);
    }

    private record Response<T>(int statusCode, HttpRequest request, HttpHeaders headers, T body)
            implements HttpResponse<T> {
        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public Version version() {
            return Version.HTTP_1_1;
        }
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return Optional.of(connectTimeout);
    }

    @Override
    public Redirect followRedirects() {
        return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SSLParameters sslParameters() {
        return new SSLParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public Version version() {
        return Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.of(EXECUTOR);
    }
}
