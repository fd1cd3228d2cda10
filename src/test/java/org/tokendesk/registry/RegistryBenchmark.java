package org.tokendesk.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.tokendesk.testing.Ports;

/**
 * Lookups per second and p99 with TOKENS registrants online and IN_FLIGHT lookups at a time, then
 * RSS and threads of the registry process holding HOLD registrants. The registry runs in its own
 * JVM with the launcher's flags (-Xmx128m -XX:+UseSerialGC).
 *
 * <p>Run: {@code mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}
 * then {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.tokendesk.registry.RegistryBenchmark 1000 20000 16 10000}
 */
public final class RegistryBenchmark {
    private RegistryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tokens = Integer.parseInt(args[0]);
        int lookups = Integer.parseInt(args[1]);
        int inFlight = Integer.parseInt(args[2]);
        int hold = Integer.parseInt(args[3]);
        int port = Ports.closed();
        Path out = Files.createTempFile("registry-bench", ".out");
        Process registry = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                RegistryProcess.class.getName(), Integer.toString(port), "120")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            for (int i = 0; i < 600 && !Files.readString(out).contains("listening"); i++) {
                Thread.sleep(100);
            }
            LookupLoad load = LookupLoad.online(port, tokens);
            LookupLoad.Result result = load.run(lookups, inFlight);
            System.out.printf("lookups: %d with %d online, %d in flight: %.0f/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, wrong %d%n",
                    lookups, tokens, inFlight, result.perSecond(), result.p50(), result.p99(), result.max(), result.wrong());
            System.out.println("registry with " + tokens + " online: " + LookupLoad.status(registry.pid()));
            load.close();
            Thread.sleep(3000);
            List<RawWebSocket> raw = new ArrayList<>();
            long holdStart = System.nanoTime();
            for (int i = 0; i < hold; i++) {
                raw.add(RawWebSocket.open(port, "/v0/websocket",
                        Map.of("Authorization", "Token insecure_" + UUID.randomUUID(), "Sec-WebSocket-Protocol", "io|0.0.1|bench||8788")));
            }
            long failed = raw.stream().filter(r -> r.status != 101).count();
            System.out.printf("%d registrants connected in %.1f s (%d refused)%n", hold, (System.nanoTime() - holdStart) / 1e9, failed);
            Thread.sleep(5000);
            System.out.println("registry with " + hold + " online: " + LookupLoad.status(registry.pid()));
            for (RawWebSocket r : raw) {
                r.close();
            }
        } finally {
            registry.destroy();
            registry.waitFor(10, TimeUnit.SECONDS);
            registry.destroyForcibly();
        }
    }
}
