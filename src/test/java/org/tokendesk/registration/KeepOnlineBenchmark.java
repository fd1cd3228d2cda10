package org.tokendesk.registration;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.tokendesk.testing.RegistryFixture;

/**
 * Keep-online figures for BENCHMARKS.md (not part of {@code mvn verify}). One JVM runs the
 * registry fixture; a child JVM runs {@code tokendesk keep-online} for N tokens with the app
 * launcher's heap settings. Prints RSS and threads of the child once all are online, port-query
 * latency, and the reconnect after a registry restart.
 *
 * <p>Run: {@code mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}
 * then {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.tokendesk.registration.KeepOnlineBenchmark 500 10000 1000}
 * (tokens, queries, registry downtime in ms).
 */
public final class KeepOnlineBenchmark {
    private KeepOnlineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        long downtimeMillis = args.length > 2 ? Long.parseLong(args[2]) : 1000;
        Duration wait = Duration.ofSeconds(60);

        try (RegistryFixture registry = RegistryFixture.start()) {
            List<String> names = new ArrayList<>();
            List<String> command = new ArrayList<>(List.of(
                    System.getProperty("java.home") + "/bin/java", "-Xmx128m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), "org.tokendesk.Main", "keep-online",
                    "--registry", registry.registry().toString()));
            for (int i = 0; i < tokens; i++) {
                String token = "insecure_bench" + i + "-" + UUID.randomUUID();
                names.add(token);
                command.add(token + "=" + (10_000 + i));
            }
            File log = File.createTempFile("keep-online-bench", ".log");
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
            try {
                long start = System.nanoTime();
                RegistryFixture.await(wait, "all online", () -> registry.onlineCount() == tokens);
                System.out.printf("all %d online after %d ms (cold start, incl. JVM start)%n", tokens, (System.nanoTime() - start) / 1_000_000);
                Thread.sleep(3000);
                System.out.printf("child: %s%n", procStatus(child.pid()));

                long[] micros = new long[queries];
                for (int q = 0; q < queries; q++) {
                    int i = q % tokens;
                    RegistryFixture.PortQuery answer = registry.queryPort(names.get(i));
                    if (answer.port().asInt() != 10_000 + i) {
                        throw new IllegalStateException("wrong port " + answer.port() + " for token " + i);
                    }
                    micros[q] = answer.latency().toNanos() / 1000;
                }
                Arrays.sort(micros);
                System.out.printf("port queries: %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", queries,
                        micros[queries / 2] / 1000.0, micros[(int) (queries * 0.99)] / 1000.0, micros[queries - 1] / 1000.0);

                registry.stop();
                Thread.sleep(downtimeMillis);
                registry.resetCounts();
                Instant back = Instant.now();
                registry.restart();
                RegistryFixture.await(wait, "all online again", () -> registry.onlineCount() == tokens);
                Duration recovery = Duration.between(back, Instant.now());
                List<Instant> attempts = registry.attempts();
                System.out.printf("registry down %d ms, then all %d online again %d ms after it came back; %d upgrade attempts seen, peak %d per 100 ms, %d per second%n",
                        downtimeMillis, tokens, recovery.toMillis(), attempts.size(),
                        registry.peakAttempts(Duration.ofMillis(100)), registry.peakAttempts(Duration.ofSeconds(1)));
                System.out.printf("child after reconnect: %s%n", procStatus(child.pid()));
            } finally {
                child.destroy();
                child.waitFor();
                Files.deleteIfExists(log.toPath());
            }
        }
    }

    private static String procStatus(long pid) throws IOException {
        long rssKb = 0;
        int threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rssKb = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.replaceAll("\\D", ""));
            }
        }
        return String.format("RSS %.1f MiB, %d threads", rssKb / 1024.0, threads);
    }
}
