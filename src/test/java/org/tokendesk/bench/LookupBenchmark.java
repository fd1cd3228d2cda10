package org.tokendesk.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import okhttp3.OkHttpClient;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.net.Http;
import org.tokendesk.token.Token;

/**
 * Checks every token of a file against a registry the way the app's "Check all" does (one shared
 * OkHttp client, 16 lookups in flight) and prints wall time and per-lookup p50/p99, round by round.
 * The first round runs in a cold JVM, like a user's first "Check all".
 * Usage: LookupBenchmark REGISTRY_URL TOKENS_FILE [ROUNDS] [IN_FLIGHT]
 */
public final class LookupBenchmark {
    private LookupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Registry registry = new Registry(URI.create(args[0]));
        List<Token> tokens = Files.readAllLines(Path.of(args[1])).stream().filter(s -> !s.isBlank()).map(Token::of).toList();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int inFlight = args.length > 3 ? Integer.parseInt(args[3]) : DiscoveryClient.DEFAULT_IN_FLIGHT;
        OkHttpClient http = Http.newClient(Http.Timeouts.DISCOVERY);
        try (DiscoveryClient client = new DiscoveryClient(http, inFlight)) {
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                List<CompletableFuture<Lookup>> pending = new ArrayList<>(tokens.size());
                for (Token token : tokens) {
                    pending.add(client.lookup(registry, token));
                }
                double[] millis = new double[tokens.size()];
                int resolved = 0;
                for (int i = 0; i < pending.size(); i++) {
                    Lookup lookup = pending.get(i).join();
                    millis[i] = lookup.latency().toNanos() / 1e6;
                    resolved += lookup instanceof Lookup.Resolved ? 1 : 0;
                }
                double wall = (System.nanoTime() - start) / 1e6;
                Arrays.sort(millis);
                System.out.printf(Locale.ROOT, "tokendesk round %d: %d lookups (%d resolved), wall %.1f ms, p50 %.2f ms, p99 %.2f ms%n",
                        round, tokens.size(), resolved, wall, percentile(millis, 50), percentile(millis, 99));
            }
        } finally {
            Http.shutdown(http);
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
