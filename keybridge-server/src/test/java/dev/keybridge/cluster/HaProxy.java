package dev.keybridge.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy ({@code ci/install-haproxy.sh}) in front of the nodes: round robin, readiness
 * checks every 500 ms, a failed connection retried on the other node. Log in {@code target/haproxy.log}.
 */
final class HaProxy implements AutoCloseable {

    private final Process process;
    private final int port;

    private HaProxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static HaProxy start(List<Integer> nodePorts) throws IOException {
        String binary = System.getenv().getOrDefault("KEYBRIDGE_HAPROXY", "/usr/sbin/haproxy");
        if (!Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException(binary + " is missing: run ci/install-haproxy.sh");
        }
        int port = freePort();
        StringBuilder cfg = new StringBuilder("""
                global
                    maxconn 1000
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 60s
                    timeout server 60s
                    retries 3
                    option redispatch
                    retry-on conn-failure empty-response response-timeout
                listen keybridge
                    bind 127.0.0.1:%d
                    balance roundrobin
                    option httpchk GET /actuator/health/readiness
                    http-check expect status 200
                    timeout check 2s
                    default-server inter 500ms fall 2 rise 2
                """.formatted(port));
        for (int i = 0; i < nodePorts.size(); i++) {
            cfg.append("    server node").append(i + 1).append(" 127.0.0.1:").append(nodePorts.get(i)).append(" check\n");
        }
        Path file = Files.createTempFile("keybridge-haproxy-", ".cfg");
        Files.writeString(file, cfg);
        Process p = new ProcessBuilder(binary, "-f", file.toString(), "-db")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "haproxy.log").toFile()).start();
        return new HaProxy(p, port);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
