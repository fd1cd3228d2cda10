package org.tokendesk.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.testing.Puppet;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

/** The registry on a real loopback port (plain http/ws), spoken to by a JDK WebSocket client and by hand. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RegistryServerTest {
    static final String TOKEN = "insecure_5c0c4c34-6b3a-4f0e-9b1e-0d2a6c7e8f90";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    final List<RegistryEvent> events = new CopyOnWriteArrayList<>();
    RegistryServer registry;

    RegistryServer start(Limits limits, AllowList allow) throws IOException {
        RegistryOptions options = RegistryOptions.defaults(home).listenOn(new InetSocketAddress("127.0.0.1", 0))
                .plainOnly(true).withLimits(limits).withAllow(allow);
        registry = RegistryServer.start(options, new MemoryDirectory(), events::add);
        return registry;
    }

    RegistryServer start() throws IOException {
        return start(Limits.DEFAULT, AllowList.EVERYONE);
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    URI ws() {
        return URI.create("ws://127.0.0.1:" + registry.port() + "/v0/websocket");
    }

    HttpResponse<String> lookup(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + registry.port() + "/v0/hosties/" + token))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void awaitOnline(int n) {
        RegistryFixture.await(Duration.ofSeconds(10), n + " online", () -> registry.core().onlineCount() == n);
    }

    void awaitPort(Token token) {
        RegistryFixture.await(Duration.ofSeconds(5), "a port answered",
                () -> registry.core().online().stream().anyMatch(r -> r.token().equals(token) && r.lastPort().isPresent()));
    }

    @Test
    void greetsRogersEveryFrameAndAnswersHostieWithTheAddressItHandsOut() throws Exception {
        start();
        try (Puppet puppet = Puppet.connect(http, ws(), TOKEN, "8788", "")) {
            RegistryFixture.await(Duration.ofSeconds(5), "registered", () -> puppet.received.contains("{\"name\":\"sys\",\"payload\":\"registered\"}"));
            puppet.send("{\"name\":\"sys\",\"payload\":\"Wechaty version 1.20 with CUID: x\"}");
            puppet.send("{\"name\":\"hostie\"}");
            RegistryFixture.await(Duration.ofSeconds(5), "hostie answer", () -> puppet.received.contains("{\"name\":\"hostie\",\"payload\":\"127.0.0.1\"}"));
            // Every client frame gets a roger, the port answer included.
            RegistryFixture.await(Duration.ofSeconds(5), "rogers", () -> puppet.received.stream().filter(t -> t.contains("roger")).count() >= 3);
        }
    }

    @Test
    void lookupAsksTheRegistrantAndAnswersBothHostAndIp() throws Exception {
        start();
        try (Puppet puppet = Puppet.connect(http, ws(), TOKEN, "8788", "")) {
            awaitOnline(1);
            HttpResponse<String> answer = lookup(TOKEN);
            assertEquals(200, answer.statusCode());
            assertEquals(JSON.readTree("{\"host\":\"127.0.0.1\",\"ip\":\"127.0.0.1\",\"port\":8788}"), JSON.readTree(answer.body()));
            JsonNode question = puppet.questions.get(puppet.questions.size() - 1);
            assertEquals("getHostieGrpcPort", question.get("method").asText());
            assertEquals("2.0", question.get("jsonrpc").asText());
        }
    }

    @Test
    void unknownTokenIs404WithZeroes() throws Exception {
        start();
        HttpResponse<String> answer = lookup(TOKEN);
        assertEquals(404, answer.statusCode());
        assertEquals(JSON.readTree(HostiesHandler.NOT_FOUND), JSON.readTree(answer.body()));
    }

    @Test
    void advertisedHostIsHandedOutInsteadOfTheSocketAddress() throws Exception {
        start();
        try (Puppet puppet = Puppet.connect(http, ws(), TOKEN, "9001", "bot.example.org")) {
            awaitOnline(1);
            JsonNode body = JSON.readTree(lookup(TOKEN).body());
            assertEquals("bot.example.org", body.get("host").asText());
            assertEquals("bot.example.org", body.get("ip").asText());
            assertEquals(9001, body.get("port").asInt());
        }
    }

    @Test
    void newestConnectionWinsOverAStaleOne() throws Exception {
        start();
        try (Puppet stale = Puppet.connect(http, ws(), TOKEN, "1111", "")) {
            awaitOnline(1);
            awaitPort(Token.of(TOKEN));
            stale.silent = true;
            try (Puppet fresh = Puppet.connect(http, ws(), TOKEN, "2222", "")) {
                awaitOnline(2);
                HttpResponse<String> answer = lookup(TOKEN);
                assertEquals(2222, JSON.readTree(answer.body()).get("port").asInt());
            }
        }
    }

    @Test
    void invalidPortAnswersAreNotRegistered() throws Exception {
        start(Limits.DEFAULT.withLookupWait(Duration.ofMillis(300)), AllowList.EVERYONE);
        for (String bad : List.of("\"abc\"", "70000", "0", "-5", "8788.5", "\"8788\"", "null")) {
            try (Puppet puppet = Puppet.connect(http, ws(), TOKEN, bad, "")) {
                awaitOnline(1);
                HttpResponse<String> answer = lookup(TOKEN);
                assertEquals(404, answer.statusCode(), bad);
                assertEquals(JSON.readTree(HostiesHandler.NOT_FOUND), JSON.readTree(answer.body()), bad);
            }
            awaitOnline(0);
        }
        assertTrue(events.stream().anyMatch(e -> e instanceof RegistryEvent.NoValidPort));
    }

    @Test
    void asksTheDraftMethodWhenTheFirstIsUnknown() throws Exception {
        start();
        try (Puppet puppet = Puppet.connect(http, ws(), TOKEN, "7777", "")) {
            puppet.onlyDraftMethod = true;
            awaitOnline(1);
            HttpResponse<String> answer = lookup(TOKEN);
            assertEquals(7777, JSON.readTree(answer.body()).get("port").asInt());
            assertTrue(puppet.questions.stream().anyMatch(q -> q.get("method").asText().equals("hostieGrpcPort")));
        }
    }

    @Test
    void aSlowRegistrantIsAnsweredForWithinTheBoundByItsLastValidPort() throws Exception {
        start(Limits.DEFAULT.withLookupWait(Duration.ofMillis(500)), AllowList.EVERYONE);
        try (Puppet puppet = Puppet.connect(http, ws(), TOKEN, "8788", "")) {
            awaitOnline(1);
            awaitPort(Token.of(TOKEN));
            puppet.silent = true;
            long start = System.nanoTime();
            HttpResponse<String> answer = lookup(TOKEN);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(200, answer.statusCode());
            assertEquals(8788, JSON.readTree(answer.body()).get("port").asInt());
            assertTrue(millis < 1500, millis + " ms");
        }
    }

    @Test
    void aRegistrantThatNeverAnsweredIsNotHandedOutAsAGuessed8788() throws Exception {
        start(Limits.DEFAULT.withLookupWait(Duration.ofMillis(300)), AllowList.EVERYONE);
        try (Puppet silent = Puppet.connect(http, ws(), TOKEN, null, "")) {
            awaitOnline(1);
            assertEquals(404, lookup(TOKEN).statusCode());
            assertFalse(silent.questions.isEmpty());
        }
    }

    @Test
    void webConnectionsAndTokenlessUpgradesAreRefused() throws Exception {
        start();
        try (RawWebSocket web = RawWebSocket.open(registry.port(), "/v0/websocket",
                Map.of("Authorization", "Token " + TOKEN, "Sec-WebSocket-Protocol", "web|0.0.1|x||"))) {
            assertEquals(403, web.status);
        }
        try (RawWebSocket none = RawWebSocket.open(registry.port(), "/v0/websocket", Map.of("Sec-WebSocket-Protocol", "io|0.0.1|x||8788"))) {
            assertEquals(401, none.status);
        }
        try (RawWebSocket byPath = RawWebSocket.open(registry.port(), "/v0/websocket/token/" + TOKEN, Map.of("Sec-WebSocket-Protocol", "io|0.0.1|x||8788"))) {
            assertEquals(101, byPath.status);
            assertTrue(byPath.responseHead.contains("io|0.0.1|x||8788"), byPath.responseHead);
            assertEquals("{\"name\":\"sys\",\"payload\":\"registered\"}", byPath.nextText());
        }
    }

    @Test
    void aRawClientSpeakingTheProtocolByHandIsRegisteredAndResolved() throws Exception {
        start();
        try (RawWebSocket raw = RawWebSocket.open(registry.port(), "/v0/websocket",
                Map.of("authorization", "TOKEN " + TOKEN, "Sec-WebSocket-Protocol", "io|0.0.1|raw||8788"))) {
            assertEquals(101, raw.status);
            assertEquals("{\"name\":\"sys\",\"payload\":\"registered\"}", raw.nextText());
            JsonNode question = JSON.readTree(raw.nextText()).get("payload");
            assertEquals("getHostieGrpcPort", question.get("method").asText());
            // The id comes back exactly as sent, in its JSON form.
            raw.sendText("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":" + question.get("id") + ",\"result\":4321}}");
            assertEquals("{\"name\":\"sys\",\"payload\":\"roger\"}", raw.nextText());
            awaitPort(Token.of(TOKEN));
            // A lookup asks again; the answer is not ready yet, so the last valid port stands in within the bound.
            HttpResponse<String> answer = lookup(TOKEN);
            assertEquals(4321, JSON.readTree(answer.body()).get("port").asInt());
            // A request sent TO the registry is answered with method-not-found under the same id.
            raw.sendText("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":-9007199254736248,\"method\":\"shutdown\"}}");
            String reply = "";
            for (int i = 0; i < 5 && !reply.contains("-32601"); i++) {
                reply = raw.nextText();
            }
            assertTrue(reply.contains("\"id\":-9007199254736248"), reply);
        }
    }

    @Test
    void aConnectionThatStopsAnsweringPingsIsDropped() throws Exception {
        start(Limits.DEFAULT.withPings(Duration.ofMillis(100), 2), AllowList.EVERYONE);
        try (RawWebSocket raw = RawWebSocket.open(registry.port(), "/v0/websocket",
                Map.of("Authorization", "Token " + TOKEN, "Sec-WebSocket-Protocol", "io|0.0.1|raw||8788"))) {
            awaitOnline(1);
            long start = System.nanoTime();
            // Never pongs: the registry must give up on it by itself.
            raw.awaitClose();
            awaitOnline(0);
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 3000);
            assertTrue(events.stream().anyMatch(e -> e instanceof RegistryEvent.Offline o && o.why() == RegistryEvent.Why.NO_PONG));
            assertEquals(404, lookup(TOKEN).statusCode());
        }
    }

    @Test
    void aConnectionThatAnswersPingsStays() throws Exception {
        start(Limits.DEFAULT.withPings(Duration.ofMillis(100), 2), AllowList.EVERYONE);
        try (Puppet puppet = Puppet.connect(http, ws(), TOKEN, "8788", "")) {
            awaitOnline(1);
            Thread.sleep(800);
            assertEquals(1, registry.core().onlineCount());
        }
    }

    @Test
    void anOversizedFrameClosesTheConnectionWith1009() throws Exception {
        start(Limits.DEFAULT.withMaxFrameBytes(4096), AllowList.EVERYONE);
        try (RawWebSocket raw = RawWebSocket.open(registry.port(), "/v0/websocket",
                Map.of("Authorization", "Token " + TOKEN, "Sec-WebSocket-Protocol", "io|0.0.1|raw||8788"))) {
            awaitOnline(1);
            raw.sendText("{\"name\":\"sys\",\"payload\":\"" + "x".repeat(10_000) + "\"}");
            assertEquals(1009, raw.awaitClose());
            awaitOnline(0);
        }
    }

    @Test
    void allowListRefusesOtherTokensAtUpgradeAndAtLookup() throws Exception {
        String other = "puppet_other_9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d";
        String padlocal = "puppet_padlocal_1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
        AllowList allow = ((AllowList.Read.Loaded) AllowList.parse(List.of("# mine", TOKEN, "puppet_padlocal*"))).list();
        start(Limits.DEFAULT, allow);
        try (RawWebSocket refused = RawWebSocket.open(registry.port(), "/v0/websocket",
                Map.of("Authorization", "Token " + other, "Sec-WebSocket-Protocol", "io|0.0.1|x||8788"))) {
            assertEquals(401, refused.status);
        }
        assertEquals(404, lookup(other).statusCode());
        try (Puppet mine = Puppet.connect(http, ws(), TOKEN, "8001", ""); Puppet prefixed = Puppet.connect(http, ws(), padlocal, "8002", "")) {
            awaitOnline(2);
            assertEquals(200, lookup(TOKEN).statusCode());
            assertEquals(8002, JSON.readTree(lookup(padlocal).body()).get("port").asInt());
        }
        assertTrue(events.stream().anyMatch(e -> e instanceof RegistryEvent.Refused r && r.refusal() == RegistryEvent.Refusal.NOT_ALLOWED));
    }

    @Test
    void connectionsPerAddressAreRateLimited() throws Exception {
        start(Limits.DEFAULT.withConnections(100, 3, 0.5), AllowList.EVERYONE);
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            try (RawWebSocket raw = RawWebSocket.open(registry.port(), "/v0/websocket",
                    Map.of("Authorization", "Token " + TOKEN, "Sec-WebSocket-Protocol", "io|0.0.1|x||8788"))) {
                refused += raw.status == 429 ? 1 : 0;
            }
        }
        assertEquals(3, refused);
    }

    @Test
    void statusJsonMasksTokensAndAnswersLoopbackOnly() throws Exception {
        start();
        try (Puppet puppet = Puppet.connect(http, ws(), TOKEN, "8788", "")) {
            awaitOnline(1);
            lookup(TOKEN);
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + registry.port() + "/admin/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, status.statusCode());
            TokenLeaks.of(Token.of(TOKEN)).assertNoneIn("status JSON", status.body());
            JsonNode body = JSON.readTree(status.body());
            assertEquals(1, body.get("online").asInt());
            assertEquals(Token.mask(TOKEN), body.get("registrants").get(0).get("token").asText());
            assertEquals(8788, body.get("registrants").get(0).get("port").asInt());
            assertTrue(body.get("lookups").asInt() >= 1);
        }
        assertFalse(StatusHandler.loopback("192.0.2.7"));
        assertTrue(StatusHandler.loopback("::1"));
        assertTrue(StatusHandler.loopback("127.0.0.9"));
    }

    @Test
    void stoppingSendsEveryRegistrantACloseFrame() throws Exception {
        start();
        Puppet a = Puppet.connect(http, ws(), TOKEN, "8001", "");
        Puppet b = Puppet.connect(http, ws(), "uuid_0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "8002", "");
        awaitOnline(2);
        registry.close();
        registry = null;
        assertEquals(1001, a.closeCode.get(5, TimeUnit.SECONDS));
        assertEquals(1001, b.closeCode.get(5, TimeUnit.SECONDS));
    }
}
