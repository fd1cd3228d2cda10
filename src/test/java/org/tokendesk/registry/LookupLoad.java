package org.tokendesk.registry;

import org.tokendesk.testing.Puppet;

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
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lookup load of {@link RegistryBenchmark}, against any registry already listening on
 * 127.0.0.1:PORT (ours, or @chatie/io's IoServer in bench/registry-vs-chatie.sh): TOKENS
 * {@link Puppet} registrants on {@code /v0/websocket}, each answering its own port 10000+i, then
 * WARMUP uncounted lookups and LOOKUPS counted ones, IN_FLIGHT at a time over HTTP/1.1 keep-alive.
 * An answer is right when it is 200 and carries that registrant's port.
 *
 * <p>Run: {@code java -cp ... org.tokendesk.registry.LookupLoad PORT PID TOKENS LOOKUPS IN_FLIGHT WARMUP}
 * (PID: the registry process, whose VmRSS and threads are read from /proc with every registrant online).
 */
public final class LookupLoad {
    /** What one run measured; latencies in milliseconds. */
    record Result(int lookups, double perSecond, double p50, double p99, double max, int wrong) {
        String line() {
            return String.format("lookups/s %.0f p50 %.2f ms p99 %.2f ms max %.2f ms wrong %d of %d",
                    perSecond, p50, p99, max, wrong, lookups);
        }
    }

    private final HttpClient http;
    private final ExecutorService io;
    private final int port;
    private final List<String> names = new ArrayList<>();
    private final List<Puppet> puppets = new ArrayList<>();

    private LookupLoad(int port) {
        this.port = port;
        this.io = Executors.newFixedThreadPool(4);
        this.http = HttpClient.newBuilder().executor(io).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Connects TOKENS registrants to the registry on 127.0.0.1:PORT and gives it 2 s to settle. */
    static LookupLoad online(int port, int tokens) throws Exception {
        LookupLoad load = new LookupLoad(port);
        URI ws = URI.create("ws://127.0.0.1:" + port + "/v0/websocket");
        for (int i = 0; i < tokens; i++) {
            String token = "insecure_" + UUID.randomUUID();
            load.names.add(token);
            load.puppets.add(Puppet.connect(load.http, ws, token, Integer.toString(expectedPort(i)), ""));
        }
        Thread.sleep(2000);
        return load;
    }

    private static int expectedPort(int registrant) {
        return 10_000 + registrant % 50_000;
    }

    /** LOOKUPS lookups, IN_FLIGHT at a time, token i % TOKENS for the i-th; bounded by 10 min. */
    Result run(int lookups, int inFlight) throws Exception {
        int tokens = names.size();
        long[] micros = new long[lookups];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(inFlight);
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < inFlight; c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < lookups; i = next.getAndIncrement()) {
                        int registrant = i % tokens;
                        long t = System.nanoTime();
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v0/hosties/" + names.get(registrant)))
                                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200 || !r.body().contains("\"port\":" + expectedPort(registrant))) {
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
            return new Result(lookups, lookups / seconds, micros[lookups / 2] / 1000.0, micros[(int) (lookups * 0.99)] / 1000.0,
                    micros[lookups - 1] / 1000.0, wrong.get());
        } finally {
            clients.shutdownNow();
        }
    }

    int tokens() {
        return names.size();
    }

    void close() {
        puppets.forEach(Puppet::close);
        io.shutdownNow();
    }

    /** USER_HZ: the unit of /proc/PID/stat's times, 100 on every Linux build in use. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** User plus system CPU time of a process and its threads so far, in clock ticks. */
    static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // The command name may hold spaces and parentheses: fields count from the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** VmRSS and thread count of a process, from /proc. */
    static String status(long pid) throws Exception {
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

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long pid = Long.parseLong(args[1]);
        int tokens = Integer.parseInt(args[2]);
        int lookups = Integer.parseInt(args[3]);
        int inFlight = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        long connectStart = System.nanoTime();
        LookupLoad load = online(port, tokens);
        System.out.printf("online: %d registrants in %.1f s%n", tokens, (System.nanoTime() - connectStart) / 1e9 - 2);
        if (warmup > 0) {
            System.out.println("warm-up (not counted): " + load.run(warmup, inFlight).line());
        }
        long serverTicks = cpuTicks(pid);
        long ownTicks = cpuTicks(ProcessHandle.current().pid());
        Result result = load.run(lookups, inFlight);
        serverTicks = cpuTicks(pid) - serverTicks;
        ownTicks = cpuTicks(ProcessHandle.current().pid()) - ownTicks;
        System.out.println("measured: " + result.line());
        // CPU per lookup says more than lookups/s when other work shares the cores.
        System.out.printf("CPU during the measured lookups: server %.2f s (%.0f us per lookup), load generator %.2f s%n",
                serverTicks / TICKS_PER_SECOND, serverTicks / TICKS_PER_SECOND * 1e6 / lookups, ownTicks / TICKS_PER_SECOND);
        System.out.println("server with " + tokens + " online: " + status(pid));
        load.close();
    }
}
