package dev.keybridge.sdk.net;

import java.io.IOException;

/**
 * Sends one HTTP request: the pluggable part of the SDK. The default is {@link JdkHttpTransport}
 * (the JDK's {@link java.net.http.HttpClient}); plug in another to add tracing, a proxy or a
 * different client. Retries, credentials and JSON are handled above it.
 */
@FunctionalInterface
public interface HttpTransport {

    /**
     * Sends {@code request} and returns the whole answer, whatever its status.
     *
     * @throws IOException when no answer came (connection refused, reset, timeout): the SDK may retry
     */
    TransportResponse send(TransportRequest request) throws IOException, InterruptedException;
}
