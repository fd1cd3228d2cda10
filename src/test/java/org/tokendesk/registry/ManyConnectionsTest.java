package org.tokendesk.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.testing.Puppet;
import org.tokendesk.testing.RegistryFixture;

/** 1,000 registrants at once, each resolvable to its own port; one more beyond the bound is refused. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ManyConnectionsTest {
    static final int N = 1000;

    @TempDir
    Path home;

    @Test
    void holdsAThousandRegistrantsAndAnswersEachWithItsOwnPort() throws Exception {
        RegistryOptions options = RegistryOptions.defaults(home).listenOn(new InetSocketAddress("127.0.0.1", 0)).plainOnly(true)
                .withLimits(Limits.DEFAULT.withConnections(N, N + 10, 1000));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder().executor(pool).connectTimeout(Duration.ofSeconds(10)).build();
        List<Puppet> puppets = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        try (RegistryServer registry = RegistryServer.start(options, new MemoryDirectory(), e -> { })) {
            URI ws = URI.create("ws://127.0.0.1:" + registry.port() + "/v0/websocket");
            List<CompletableFuture<Puppet>> connecting = new ArrayList<>();
            ExecutorService connectors = Executors.newFixedThreadPool(16);
            for (int i = 0; i < N; i++) {
                String token = "insecure_" + UUID.randomUUID();
                tokens.add(token);
                int port = 10_000 + i;
                connecting.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return Puppet.connect(http, ws, token, Integer.toString(port), "");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, connectors));
            }
            for (CompletableFuture<Puppet> f : connecting) {
                puppets.add(f.get(120, TimeUnit.SECONDS));
            }
            connectors.shutdown();
            RegistryFixture.await(Duration.ofSeconds(30), N + " online", () -> registry.core().onlineCount() == N);
            // The bound: one more is refused with 503, the others stay.
            try (RawWebSocket extra = RawWebSocket.open(registry.port(), "/v0/websocket",
                    Map.of("Authorization", "Token insecure_" + UUID.randomUUID(), "Sec-WebSocket-Protocol", "io|0.0.1|x||1"))) {
                assertEquals(503, extra.status);
            }
            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < N; i += 37) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + registry.port() + "/v0/hosties/" + tokens.get(i)))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode());
                assertEquals(10_000 + i, json.readTree(answer.body()).get("port").asInt());
            }
            assertEquals(N, registry.core().onlineCount());
        } finally {
            puppets.forEach(Puppet::close);
            pool.shutdownNow();
        }
    }
}
