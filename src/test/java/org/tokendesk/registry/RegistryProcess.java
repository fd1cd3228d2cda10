package org.tokendesk.registry;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The registry alone in a JVM, for {@link RegistryBenchmark}: plain http/ws on 127.0.0.1:PORT, the
 * per-address connection bound raised (every benchmark client comes from 127.0.0.1) and pings
 * every PING_SECONDS. Prints "listening PORT" and runs until killed.
 */
public final class RegistryProcess {
    private RegistryProcess() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int pingSeconds = Integer.parseInt(args[1]);
        Limits limits = Limits.DEFAULT.withConnections(Limits.DEFAULT.maxConnections(), 50_000, 50_000)
                .withPings(Duration.ofSeconds(pingSeconds), Limits.DEFAULT.missedPongs());
        RegistryOptions options = RegistryOptions.defaults(Path.of(System.getProperty("java.io.tmpdir"), "registry-bench-tls"))
                .listenOn(new InetSocketAddress("127.0.0.1", port)).plainOnly(true).withLimits(limits);
        RegistryServer server = RegistryServer.start(options, new MemoryDirectory(), e -> { });
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("listening " + server.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
