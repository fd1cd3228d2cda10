package org.tokendesk.reliability;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak (RELIABILITY.md): one {@code tokendesk keep-online} process (the real CLI, the
 * launcher's heap settings) keeps N tokens online through {@link FaultProxy} against a registry
 * process that is killed with SIGKILL and started again R times at random intervals, while the
 * proxy cuts a share of connections half-open and delays the others. Prints, per restart, the
 * time until every token is online again, connection attempts per 100 ms, RSS and threads of the
 * keep-online process every 10 s, port lookups answered, and tokens that never came back.
 *
 * <p>Options: {@code --tokens 500 --restarts 20 --cut 0.05 --delay-ms 300 --hours 0} (with
 * {@code --hours H} the restarts go on for H hours), {@code --registry fixture} (the Jetty test
 * registry in a child JVM) or {@code --registry-command "CMD {port}"} for any other registry
 * (TokenDesk's own once it lands), {@code --seed 16}.
 */
public final class Soak {
    private static final Pattern PORT_FIELD = Pattern.compile("\"port\"\\s*:\\s*\"?(\\d+)");

    private final int tokens;
    private final int restarts;
    private final double cut;
    private final long delayMs;
    private final double hours;
    private final String registryCommand;
    private final Random random;
    private final List<String> names = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicInteger rightPort = new AtomicInteger();
    private final AtomicInteger fallbackPort = new AtomicInteger();
    private final AtomicInteger notRegistered = new AtomicInteger();
    private final AtomicInteger lookupErrors = new AtomicInteger();
    private final List<String> samples = new ArrayList<>();
    private int registryPort;
    private Process registry;

    private Soak(String[] args) {
        int t = 500;
        int r = 20;
        double c = 0.05;
        long d = 300;
        double h = 0;
        long seed = 16;
        String command = null;
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--tokens" -> t = Integer.parseInt(v);
                case "--restarts" -> r = Integer.parseInt(v);
                case "--cut" -> c = Double.parseDouble(v);
                case "--delay-ms" -> d = Long.parseLong(v);
                case "--hours" -> h = Double.parseDouble(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--registry" -> command = v.equals("fixture") ? null : v;
                case "--registry-command" -> command = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        tokens = t;
        restarts = r;
        cut = c;
        delayMs = d;
        hours = h;
        registryCommand = command;
        random = new Random(seed);
    }

    public static void main(String[] args) throws Exception {
        new Soak(args).run();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void startRegistry() throws Exception {
        List<String> command = registryCommand == null
                ? List.of(java(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), FixtureRegistryMain.class.getName(), Integer.toString(registryPort))
                // exec: the shell becomes the registry, so that SIGKILL reaches the registry itself.
                : List.of("sh", "-c", "exec " + registryCommand.replace("{port}", Integer.toString(registryPort)));
        registry = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // Generous: a JVM start took over 60 s here at load 50.
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", registryPort), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("the registry did not listen within 300 s");
    }

    private void run() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            registryPort = free.getLocalPort();
        }
        System.out.printf("soak: %d tokens, %d restarts%s, %.0f%% of connections cut half-open, others delayed up to %d ms, registry: %s%n",
                tokens, restarts, hours > 0 ? " (or " + hours + " h)" : "", cut * 100, delayMs,
                registryCommand == null ? "fixture" : registryCommand.replaceAll("-cp \\S+", "-cp …"));
        System.out.println("load: " + Files.readString(Path.of("/proc/loadavg")).strip() + ", cores " + Runtime.getRuntime().availableProcessors());
        startRegistry();
        FaultProxy proxy = new FaultProxy(registryPort, new FaultProxy.Faults(cut, Duration.ofSeconds(10), Duration.ofMillis(delayMs)), random.nextLong());
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx128m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "org.tokendesk.Main", "keep-online", "--registry", "http://127.0.0.1:" + proxy.port()));
        for (int i = 0; i < tokens; i++) {
            String token = "insecure_soak" + i + "-" + UUID.randomUUID();
            names.add(token);
            command.add(token + "=" + (10_000 + i));
        }
        File log = File.createTempFile("soak-keep-online", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        // keep-online records history; a benchmark's made-up tokens stay out of the user's history file.
        builder.environment().put("TOKENDESK_HISTORY", "off");
        Process child = builder.start();
        long start = System.nanoTime();
        Thread sampler = new Thread(() -> sample(child), "soak-sampler");
        Thread looker = new Thread(this::lookUp, "soak-lookups");
        List<Long> recoveries = new ArrayList<>();
        int worstPeak = 0;
        List<String> perRestart = new ArrayList<>();
        try {
            if (!await(() -> proxy.onlineCount() == tokens, Duration.ofMinutes(3))) {
                System.out.printf("only %d of %d online after 3 minutes at the start%n", proxy.onlineCount(), tokens);
            }
            System.out.printf("all %d online %d ms after the keep-online process started%n", tokens, (System.nanoTime() - start) / 1_000_000);
            sampler.setDaemon(true);
            sampler.start();
            looker.setDaemon(true);
            looker.start();
            long endBy = hours > 0 ? System.nanoTime() + (long) (hours * 3600e9) : Long.MAX_VALUE;
            for (int r = 1; hours > 0 ? System.nanoTime() < endBy : r <= restarts; r++) {
                Thread.sleep(2000 + random.nextInt(8000));
                registry.destroyForcibly().waitFor();
                long down = 200 + random.nextInt(2800);
                Thread.sleep(down);
                long back = System.nanoTime();
                startRegistry();
                boolean all = await(() -> proxy.onlineCount() == tokens, Duration.ofMinutes(3));
                long ms = (System.nanoTime() - back) / 1_000_000;
                int peak = proxy.peakAccepts(Duration.ofMillis(100), back, System.nanoTime());
                long attempts = proxy.accepts().stream().filter(a -> a >= back).count();
                recoveries.add(all ? ms : Long.MAX_VALUE);
                worstPeak = Math.max(worstPeak, peak);
                String last;
                synchronized (samples) {
                    last = samples.isEmpty() ? "-" : samples.get(samples.size() - 1);
                }
                String line = String.format("restart %2d: down %4d ms; %s; %4d connection attempts, peak %3d per 100 ms; %d cut so far;"
                        + " RSS MiB/threads %s; lookups right %d of %d",
                        r, down, all ? "all online again after " + ms + " ms" : "NOT all back after 3 min (" + proxy.onlineCount() + ")",
                        attempts, peak, proxy.cuts(), last, rightPort.get(), lookups.get());
                perRestart.add(line);
                System.out.println(line);
            }
            await(() -> proxy.onlineCount() == tokens, Duration.ofMinutes(2));
            running.set(false);
            List<String> missing = new ArrayList<>();
            for (String t : names) {
                if (!proxy.online(t)) {
                    missing.add(t.substring(0, 16) + "…");
                }
            }
            long[] sorted = recoveries.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.println();
            System.out.printf("recovery after restart (ms): p50 %d, p99 %d, max %d over %d restarts%n",
                    pct(sorted, 0.50), pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1], sorted.length);
            System.out.printf("connection attempts: %d in all, peak %d per 100 ms after any restart%n",
                    proxy.accepts().size(), worstPeak);
            System.out.printf("lookups straight to the registry: %d; right port %d, registry's 8788 fallback %d (a dead link answered for the token),"
                    + " not registered %d (token not back yet), errors %d (registry down)%n",
                    lookups.get(), rightPort.get(), fallbackPort.get(), notRegistered.get(), lookupErrors.get());
            System.out.println("keep-online process every 10 s (RSS MiB / threads): " + String.join(", ", samples));
            System.out.println("tokens that never came back: " + (missing.isEmpty() ? "none" : missing.size() + " " + missing));
            System.out.println("load: " + Files.readString(Path.of("/proc/loadavg")).strip());
            System.out.println("took " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
        } finally {
            running.set(false);
            child.destroy();
            child.waitFor();
            registry.destroyForcibly().waitFor();
            proxy.close();
            Files.deleteIfExists(log.toPath());
        }
    }

    private static long pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private interface Condition {
        boolean holds();
    }

    private static boolean await(Condition c, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!c.holds()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void sample(Process child) {
        while (running.get()) {
            try {
                long rss = 0;
                int threads = 0;
                for (String line : Files.readAllLines(Path.of("/proc/" + child.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss = Long.parseLong(line.replaceAll("\\D", ""));
                    } else if (line.startsWith("Threads:")) {
                        threads = Integer.parseInt(line.replaceAll("\\D", ""));
                    }
                }
                synchronized (samples) {
                    samples.add(String.format("%.0f/%d", rss / 1024.0, threads));
                }
                Thread.sleep(10_000);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    /** Five lookups a second, straight to the registry (not through the proxy), of random tokens. */
    private void lookUp() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Random r = new Random(7);
        while (running.get()) {
            int i = r.nextInt(tokens);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + registryPort + "/v0/hosties/" + names.get(i)))
                    .timeout(Duration.ofSeconds(8)).build();
            lookups.incrementAndGet();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                Matcher m = PORT_FIELD.matcher(response.body());
                int port = m.find() ? Integer.parseInt(m.group(1)) : -1;
                if (response.statusCode() == 200 && port == 10_000 + i) {
                    rightPort.incrementAndGet();
                } else if (response.statusCode() == 200 && port == 8788) {
                    fallbackPort.incrementAndGet();
                } else {
                    notRegistered.incrementAndGet();
                }
                Thread.sleep(200);
            } catch (IOException e) {
                lookupErrors.incrementAndGet();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException stop) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

}
