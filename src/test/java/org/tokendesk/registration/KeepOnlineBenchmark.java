package org.tokendesk.registration;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.tokendesk.testing.RegistryFixture;

/**
 * Keep-online figures for BENCHMARKS.md (not part of {@code mvn verify}). One JVM runs the
 * registry fixture; a child JVM runs {@code tokendesk keep-online} for N tokens with the app
 * launcher's heap settings. Prints RSS and threads of the child once all are online, port-query
 * latency, and the reconnect after a registry restart.
 *
 * <p>Run: {@code mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}
 * then {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.tokendesk.registration.KeepOnlineBenchmark 500 10000 1000}
 * (tokens, queries, registry downtime in ms). The child reads its tokens with {@code --from FILE}
 * (a temporary owner-only file), so 10,000 work as well as 500. It also prints how long quitting
 * (SIGTERM) takes until the registry holds no connection and until the process is gone. With
 * {@code -Dbench.histogram=true} it also prints the child's heap histogram once all are online.
 */
public final class KeepOnlineBenchmark {
    private KeepOnlineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        long downtimeMillis = args.length > 2 ? Long.parseLong(args[2]) : 1000;
        // Cold start on a shared 2-core machine runs at tens of connections per second: scale the wait.
        Duration wait = Duration.ofSeconds(Math.max(60, tokens / 25));

        try (RegistryFixture registry = RegistryFixture.start()) {
            List<String> names = new ArrayList<>();
            Path list = Files.createTempFile("keep-online-bench", ".txt",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < tokens; i++) {
                String token = "insecure_bench" + i + "-" + UUID.randomUUID();
                names.add(token);
                lines.add(token + "=" + port(i));
            }
            Files.write(list, lines);
            List<String> command = new ArrayList<>(List.of(
                    System.getProperty("java.home") + "/bin/java", "-Xmx128m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), "org.tokendesk.Main", "keep-online",
                    "--registry", registry.registry().toString(), "--from", list.toString()));
            // The transport (-Dtokendesk.websocket=jetty|jdk) goes to the child, which is what is measured.
            String transport = System.getProperty(JettySockets.PROPERTY);
            if (transport != null) {
                command.add(3, "-D" + JettySockets.PROPERTY + "=" + transport);
            }
            File log = File.createTempFile("keep-online-bench", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
            // keep-online records history; a benchmark's made-up tokens stay out of the user's history file.
            builder.environment().put("TOKENDESK_HISTORY", "off");
            Process child = builder.start();
            try {
                long start = System.nanoTime();
                if (!awaitWithProgress(registry, tokens, wait, start, child.pid())) {
                    System.out.printf("NOT all online after %d s: %d of %d; child: %s%n", wait.toSeconds(), registry.onlineCount(), tokens, procStatus(child.pid()));
                    histogram(child.pid());
                    return;
                }
                System.out.printf("all %d online after %d ms (cold start, incl. JVM start)%n", tokens, (System.nanoTime() - start) / 1_000_000);
                Thread.sleep(3000);
                System.out.printf("child: %s%n", procStatus(child.pid()));
                if (Boolean.getBoolean("bench.histogram")) {
                    // A full GC in the child: heap per token once all are online (then a pause before the queries).
                    histogram(child.pid());
                    Thread.sleep(2000);
                }

                long[] micros = new long[queries];
                for (int q = 0; q < queries; q++) {
                    int i = q % tokens;
                    RegistryFixture.PortQuery answer = registry.queryPort(names.get(i));
                    if (answer.port().asInt() != port(i)) {
                        throw new IllegalStateException("wrong port " + answer.port() + " for token " + i);
                    }
                    micros[q] = answer.latency().toNanos() / 1000;
                }
                Arrays.sort(micros);
                System.out.printf("port queries: %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", queries,
                        micros[queries / 2] / 1000.0, micros[(int) (queries * 0.99)] / 1000.0, micros[queries - 1] / 1000.0);

                long stopping = System.nanoTime();
                registry.stop();
                long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
                Thread.sleep(downtimeMillis);
                registry.resetCounts();
                Instant back = Instant.now();
                registry.restart();
                RegistryFixture.await(wait, "all online again", () -> registry.onlineCount() == tokens);
                Duration recovery = Duration.between(back, Instant.now());
                List<Instant> attempts = registry.attempts();
                System.out.printf("registry stop took %d ms, then down %d ms, then all %d online again %d ms after it came back; %d upgrade attempts seen, peak %d per 100 ms, %d per second%n",
                        stopMillis, downtimeMillis, tokens, recovery.toMillis(), attempts.size(),
                        registry.peakAttempts(Duration.ofMillis(100)), registry.peakAttempts(Duration.ofSeconds(1)));
                Thread.sleep(3000);
                System.out.printf("child after reconnect: %s%n", procStatus(child.pid()));

                long quit = System.nanoTime();
                // The exit's own time: the registry may still be counting closes after the process is gone.
                java.util.concurrent.CompletableFuture<Long> exited = child.onExit().thenApply(p -> System.nanoTime());
                child.destroy();
                RegistryFixture.await(Duration.ofSeconds(30), "all closed", () -> registry.onlineCount() == 0);
                long closedMillis = (System.nanoTime() - quit) / 1_000_000;
                long exitedAt = exited.get(30, TimeUnit.SECONDS);
                System.out.printf("quit (SIGTERM): registry holds no connection after %d ms, process gone after %d ms%n",
                        closedMillis, (exitedAt - quit) / 1_000_000);
            } finally {
                child.destroy();
                child.waitFor();
                Files.deleteIfExists(log.toPath());
                Files.deleteIfExists(list);
            }
        }
    }

    /** Waits for all to be online, printing the count every 10 s; false after {@code wait}. */
    private static boolean awaitWithProgress(RegistryFixture registry, int tokens, Duration wait, long start, long pid)
            throws InterruptedException, IOException {
        long next = start;
        while (registry.onlineCount() < tokens) {
            long now = System.nanoTime();
            if (now - start > wait.toNanos()) {
                return false;
            }
            if (now >= next) {
                System.out.printf("  %3d s: %d online; child: %s%n", (now - start) / 1_000_000_000L, registry.onlineCount(), procStatus(pid));
                next = now + 10_000_000_000L;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** The child's heap by class, top 15 (where the heap goes when they do not all fit). */
    private static void histogram(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
        List<String> lines = new String(jcmd.getInputStream().readAllBytes()).lines().toList();
        jcmd.waitFor(30, TimeUnit.SECONDS);
        lines.stream().limit(Boolean.getBoolean("bench.histogram") ? 40 : 18).forEach(System.out::println);
        lines.stream().filter(l -> l.startsWith("Total")).forEach(System.out::println);
    }

    /** Distinct ports, all 1..65535 (the registry does not care, the check does). */
    private static int port(int i) {
        return 10_000 + i % 50_000;
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
