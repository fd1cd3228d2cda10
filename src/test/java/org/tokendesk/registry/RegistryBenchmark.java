package org.tokendesk.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
            ExecutorService io = Executors.newFixedThreadPool(4);
            HttpClient http = HttpClient.newBuilder().executor(io).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            URI ws = URI.create("ws://127.0.0.1:" + port + "/v0/websocket");
            List<String> names = new ArrayList<>();
            List<Puppet> puppets = new ArrayList<>();
            for (int i = 0; i < tokens; i++) {
                String token = "insecure_" + UUID.randomUUID();
                names.add(token);
                puppets.add(Puppet.connect(http, ws, token, Integer.toString(10_000 + i % 50_000), ""));
            }
            Thread.sleep(2000);
            long[] micros = new long[lookups];
            AtomicInteger next = new AtomicInteger();
            AtomicInteger wrong = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(inFlight);
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < inFlight; c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < lookups; i = next.getAndIncrement()) {
                        String token = names.get(i % tokens);
                        long t = System.nanoTime();
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v0/hosties/" + token))
                                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200 || !r.body().contains("\"port\":" + (10_000 + (i % tokens) % 50_000))) {
                                wrong.incrementAndGet();
                            }
                        } catch (Exception e) {
                            wrong.incrementAndGet();
                        }
                        micros[i] = (System.nanoTime() - t) / 1000;
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(micros);
            System.out.printf("lookups: %d with %d online, %d in flight: %.0f/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, wrong %d%n",
                    lookups, tokens, inFlight, lookups / seconds, micros[lookups / 2] / 1000.0, micros[(int) (lookups * 0.99)] / 1000.0,
                    micros[lookups - 1] / 1000.0, wrong.get());
            System.out.println("registry with " + tokens + " online: " + status(registry.pid()));
            clients.shutdown();
            puppets.forEach(Puppet::close);
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
            System.out.println("registry with " + hold + " online: " + status(registry.pid()));
            for (RawWebSocket r : raw) {
                r.close();
            }
            io.shutdownNow();
        } finally {
            registry.destroy();
            registry.waitFor(10, TimeUnit.SECONDS);
            registry.destroyForcibly();
        }
    }

    private static String status(long pid) throws Exception {
        String rss = "";
        String threads = "";
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = line.substring(6).strip();
            } else if (line.startsWith("Threads:")) {
                threads = line.substring(8).strip();
            }
        }
        return "RSS " + rss + ", " + threads + " threads";
    }
}
