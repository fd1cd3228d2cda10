package org.tokendesk.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.i18n.RegistrationWords;
import org.tokendesk.net.Http;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

@Timeout(120)
class KeepOnlineTest {
    static final Timing FAST = new Timing(Duration.ofMillis(300), Duration.ofSeconds(3), Duration.ofMillis(50),
            Duration.ofMillis(400), Duration.ofSeconds(30), Duration.ofMillis(300));

    RegistryFixture registry;
    OkHttpClient http;
    DiscoveryClient discovery;
    KeepOnline engine;
    Recorder recorder;
    ServerSocket service;

    @BeforeEach
    void start() throws IOException {
        registry = RegistryFixture.start(RegistryFixture.Options.defaults().withPortQueryTimeout(Duration.ofSeconds(2)));
        http = Http.newClient(Http.Timeouts.DISCOVERY);
        discovery = new DiscoveryClient(http, 4);
        engine = new KeepOnline(discovery, FAST);
        recorder = new Recorder();
        engine.addListener(recorder);
        service = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        engine.close();
        discovery.close();
        Http.shutdown(http);
        registry.close();
        service.close();
    }

    static Token token(String name) {
        return Token.of("insecure_" + name + "-5c0c4c34-1f1e-4a52-9c0b-7b5d2a1e9f00");
    }

    @Test
    void registersAndAnswersTheRegistrysPortQuery() {
        Token token = token("reg");
        int port = service.getLocalPort();
        engine.keep(token, registry.registry(), port);
        recorder.awaitOnline(token);

        RegistryFixture.Connection connection = registry.connections(token.reveal()).get(0);
        assertEquals("io", connection.protocol());
        RegistryFixture.await(Recorder.WAIT, "sys frame", () -> !connection.received().isEmpty());
        assertTrue(connection.received().get(0).contains("\"name\":\"sys\""), connection.received().toString());

        Lookup lookup = discovery.lookupNow(registry.registry(), token);
        assertEquals(new Lookup.Resolved("127.0.0.1", port, lookup.latency()), lookup);
        KeptToken status = recorder.await(token, "verified", k -> k.verification() instanceof Verification.Verified);
        assertEquals(new Verification.Verified("127.0.0.1", port), status.verification());
        recorder.await(token, "two queries answered", k -> k.state() instanceof RegistrationState.Online o && o.portQueriesAnswered() >= 2);
        assertInstanceOf(LocalService.Listening.class, recorder.await(token, "local check", k -> !(k.localService() instanceof LocalService.NotChecked)).localService());
        List<LogEntry> log = engine.log(token);
        assertTrue(log.stream().anyMatch(e -> e.event() == LogEntry.Event.ANSWERED && e.detail().equals(Integer.toString(port))), log.toString());
    }

    @Test
    void aTokenWithAPlusResolvesWhileKeptOnline() {
        Token token = Token.of("puppet_legacy_Kq7+Zx9mT2pL+vR4nW8sYb3");
        engine.keep(token, registry.registry(), service.getLocalPort());
        recorder.awaitOnline(token);

        Lookup lookup = discovery.lookupNow(registry.registry(), token);
        assertEquals(new Lookup.Resolved("127.0.0.1", service.getLocalPort(), lookup.latency()), lookup);
    }

    @Test
    void anUpgradeAnsweredWithAnotherStatusIsRetriedNotRejected() {
        Token token = token("notws");
        org.tokendesk.discovery.Registry wrongPath = new org.tokendesk.discovery.Registry(java.net.URI.create(registry.registry() + "/nope"));
        engine.keep(token, wrongPath, 8788);
        KeptToken k = recorder.await(token, "retrying", s -> s.state() instanceof RegistrationState.Retrying);
        RegistrationState.Retrying retrying = (RegistrationState.Retrying) k.state();
        assertEquals(new Drop(Drop.Cause.HTTP_STATUS, "HTTP 404"), retrying.lastError());
        recorder.await(token, "retried", s -> s.state() instanceof RegistrationState.Retrying r && r.attempt() >= 2);
    }

    static String rpc(Object id, String method) {
        return "{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\"}}";
    }

    RegistryFixture.Connection online(Token token, int port) {
        engine.keep(token, registry.registry(), port);
        // Online, and the start-up exchange (hostie answer, verification lookup) is over.
        recorder.await(token, "online and settled", k -> k.state() instanceof RegistrationState.Online o && o.reachableAs().isPresent()
                && !(k.verification() instanceof Verification.Checking) && !(k.verification() instanceof Verification.NotChecked));
        RegistryFixture.await(Recorder.WAIT, "registry holds the connection", () -> registry.connections(token.reveal()).size() == 1);
        return registry.connections(token.reveal()).get(0);
    }

    static void awaitReceived(RegistryFixture.Connection connection, String fragment) {
        RegistryFixture.await(Recorder.WAIT, "client sent " + fragment,
                () -> connection.received().stream().anyMatch(m -> m.contains(fragment)));
    }

    @Test
    void answersBothMethodNamesWithTheSameIdAndRefusesOthers() {
        Token token = token("methods");
        RegistryFixture.Connection connection = online(token, 8800);

        connection.send(rpc(41, "getHostieGrpcPort"));
        connection.send(rpc("\"draft-7\"", "hostieGrpcPort"));
        connection.send(rpc(43, "rm -rf"));
        awaitReceived(connection, "\"id\":41");
        awaitReceived(connection, "\"id\":\"draft-7\"");
        awaitReceived(connection, "\"id\":43");

        assertTrue(connection.received().contains("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":41,\"result\":8800}}"), connection.received().toString());
        assertTrue(connection.received().contains("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":\"draft-7\",\"result\":8800}}"));
        assertTrue(connection.received().contains("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":43,\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}}"));
        List<LogEntry> log = engine.log(token);
        assertTrue(log.stream().anyMatch(e -> e.event() == LogEntry.Event.QUERIED && e.detail().equals("hostieGrpcPort id \"draft-7\"")), log.toString());
        assertTrue(log.stream().anyMatch(e -> e.event() == LogEntry.Event.QUERIED && e.detail().equals("getHostieGrpcPort id 41")), log.toString());
        recorder.await(token, "answers counted", k -> k.state() instanceof RegistrationState.Online o && o.portQueriesAnswered() >= 2);
        assertTrue(engine.log(token).stream().anyMatch(e -> e.event() == LogEntry.Event.UNKNOWN_METHOD && e.detail().equals("rm -rf")));
    }

    @Test
    void garbageAndOversizedFramesAreLoggedAndTheConnectionKeepsWorking() {
        Token token = token("garbage");
        RegistryFixture.Connection connection = online(token, 8801);

        connection.send("not json at all " + token.reveal());
        connection.send("[1,2,3]");
        connection.send("{\"name\":5}");
        connection.send("{\"name\":\"jsonrpc\",\"payload\":\"getHostieGrpcPort\"}");
        connection.send("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"method\":\"getHostieGrpcPort\"}}");
        connection.send("[".repeat(5000));
        String big = "{\"name\":\"sys\",\"payload\":\"" + "x".repeat(KeepOnline.MAX_FRAME_BYTES + 10) + "\"}";
        connection.sendFragmented(big, 256 * 1024);
        connection.send(rpc(7, "getHostieGrpcPort"));
        awaitReceived(connection, "\"id\":7,\"result\":8801");

        List<LogEntry> log = engine.log(token);
        assertEquals(5, log.stream().filter(e -> e.event() == LogEntry.Event.GARBAGE).count(), log.toString());
        assertTrue(log.stream().anyMatch(e -> e.event() == LogEntry.Event.TOO_LARGE), log.toString());
        assertTrue(log.stream().noneMatch(e -> e.detail().contains(token.reveal())), "token leaked into the log");
        assertTrue(connection.isOpen());
        assertEquals(1, registry.history(token.reveal()).size(), "no reconnect");
    }

    @Test
    void aSingleFrameOverTheLimitIsRefusedAndTheConnectionKeepsWorking() {
        Token token = token("bigframe");
        RegistryFixture.Connection connection = online(token, 8802);
        connection.send("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":555,\"method\":\"" + "y".repeat(2 * KeepOnline.MAX_FRAME_BYTES) + "\"}}");
        connection.send(rpc(99, "getHostieGrpcPort"));
        awaitReceived(connection, "\"id\":99,\"result\":8802");
        assertTrue(engine.log(token).stream().anyMatch(e -> e.event() == LogEntry.Event.TOO_LARGE), engine.log(token).toString());
        assertTrue(connection.received().stream().noneMatch(m -> m.contains("\"id\":555")), "the oversized request got no answer");
        assertEquals(1, registry.history(token.reveal()).size(), "no reconnect");
    }

    @Test
    void eventsFromTheRegistryAreLoggedNeverRunAndShutdownStopsOnlyThatToken() throws Exception {
        Token stopped = token("stopped");
        Token other = token("other");
        RegistryFixture.Connection connection = online(stopped, 8803);
        online(other, 8804);

        connection.send("{\"name\":\"botie\",\"payload\":{\"args\":[\"message\"],\"source\":\"process.exit(1)\"}}");
        connection.send("{\"name\":\"logout\",\"payload\":\"bye\"}");
        connection.send("{\"name\":\"reset\",\"payload\":\"now\"}");
        connection.send("{\"name\":\"update\"}");
        connection.send("{\"name\":\"heartbeat\",\"payload\":{\"cuid\":\"x\"}}");
        connection.send("{\"name\":\"shutdown\",\"payload\":\"maintenance tonight\"}");

        KeptToken k = recorder.await(stopped, "stopped", s -> s.state() instanceof RegistrationState.Stopped);
        assertEquals(new RegistrationState.Stopped("maintenance tonight"), k.state());
        RegistryFixture.await(Recorder.WAIT, "closed", () -> !connection.isOpen());
        assertEquals(1000, connection.closeStatus());
        assertEquals(5, engine.log(stopped).stream().filter(e -> e.event() == LogEntry.Event.IGNORED).count(), engine.log(stopped).toString());
        int attempts = registry.attemptCount();
        Thread.sleep(600);
        assertEquals(attempts, registry.attemptCount(), "a stopped token does not reconnect");
        assertInstanceOf(RegistrationState.Online.class, engine.state(other));

        engine.keep(stopped, registry.registry(), 8803);
        recorder.awaitOnline(stopped);
    }

    @Test
    void whateverTheRegistryEchoesTheLogAndTheStateShowTheTokenMasked() {
        // Short enough to fit whole in any shortened detail; long enough to be cut short in a 60-character one.
        Token brief = Token.of("puppet_x_Kq7Zx9mT2pLvR4nW8s");
        Token lengthy = Token.of("puppet_service_" + "Kq7Zx9mT2pLvR4nW8sYb3hJq".repeat(3));
        for (Token t : List.of(brief, lengthy)) {
            RegistryFixture.Connection connection = online(t, 8810);
            int before = engine.log(t).size();
            String echo = t.reveal();
            connection.send("{\"name\":\"" + echo + "\",\"payload\":\"" + echo + "\"}");
            connection.send("{\"name\":\"sys\",\"payload\":\"hello " + echo + "\"}");
            connection.send("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":\"" + echo + "\",\"method\":\"getHostieGrpcPort\"}}");
            connection.send("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + echo + "\"}}");
            connection.send("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"method\":\"" + echo + "\"}}");
            connection.send("not json " + echo);
            connection.send("{\"name\":\"hostie\",\"payload\":\"" + echo + "\"}");
            RegistryFixture.await(Recorder.WAIT, "every frame logged", () -> engine.log(t).size() >= before + 8);

            TokenLeaks leaks = TokenLeaks.of(t);
            leaks.assertNoneIn("state", String.valueOf(engine.state(t)));
            for (LogEntry e : engine.log(t)) {
                leaks.assertNoneIn("log " + e.event(), e.detail());
                leaks.assertNoneIn("log words " + e.event(), RegistrationWords.of(e));
            }
        }
    }

    @Test
    void comesBackWithinTheBackoffAfterTheRegistryRestarts() {
        List<Token> tokens = List.of(token("r1"), token("r2"), token("r3"));
        for (Token t : tokens) {
            online(t, 8805);
        }
        registry.stop();
        for (Token t : tokens) {
            KeptToken k = recorder.await(t, "retrying", s -> s.state() instanceof RegistrationState.Retrying);
            assertInstanceOf(RegistrationState.Retrying.class, k.state());
        }
        recorder.await(tokens.get(0), "a failed reconnect", s -> s.state() instanceof RegistrationState.Retrying r && r.attempt() >= 2);
        registry.restart();
        for (Token t : tokens) {
            recorder.awaitOnline(t);
        }
        RegistryFixture.await(Recorder.WAIT, "all three registered again", () -> registry.onlineCount() == 3);
    }

    @Test
    void aRejectedTokenIsNotRetriedUntilTheUserActs() throws Exception {
        Token token = token("rejected");
        registry.refuse(token.reveal(), 401);
        engine.keep(token, registry.registry(), 8806);
        KeptToken k = recorder.await(token, "rejected", s -> s.state() instanceof RegistrationState.Rejected);
        assertEquals(new RegistrationState.Rejected(401), k.state());
        Thread.sleep(800);
        assertEquals(1, registry.attemptCount(), "one attempt, no retry storm");
        engine.keep(token, registry.registry(), 8806);
        RegistryFixture.await(Recorder.WAIT, "second attempt", () -> registry.attemptCount() == 2);

        Token forbidden = token("forbidden");
        registry.refuse(forbidden.reveal(), 403);
        engine.keep(forbidden, registry.registry(), 8806);
        assertEquals(new RegistrationState.Rejected(403), recorder.await(forbidden, "rejected", s -> s.state() instanceof RegistrationState.Rejected).state());

        registry.refuse(token.reveal(), 0);
        engine.keep(token, registry.registry(), 8806);
        recorder.awaitOnline(token);
    }

    @Test
    void aConnectionWithoutPongsIsDetectedAsHalfOpenClosedAndReplaced() {
        Token token = token("halfopen");
        RegistryFixture.Connection first = online(token, 8807);
        registry.answerPings(false);
        RegistryFixture.await(Recorder.WAIT, "the silent connection closed", () -> !first.isOpen());
        recorder.await(token, "half-open seen", s -> s.state() instanceof RegistrationState.Retrying r && r.lastError().cause() == Drop.Cause.NO_PONG);
        registry.answerPings(true);
        RegistryFixture.await(Recorder.WAIT, "a new connection", () -> registry.connections(token.reveal()).size() == 1
                && registry.connections(token.reveal()).get(0) != first);
        recorder.awaitOnline(token);
        assertTrue(engine.log(token).stream().anyMatch(e -> e.event() == LogEntry.Event.HALF_OPEN));
        assertEquals(1000, first.closeStatus(), "the dead connection got a close frame");
    }

    @Test
    void keepsAHundredTokensOnlineAtOnce() {
        List<Token> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Token t = token("many" + i);
            tokens.add(t);
            engine.keep(t, registry.registry(), 9000 + i);
        }
        for (Token t : tokens) {
            recorder.awaitOnline(t);
        }
        RegistryFixture.await(Recorder.WAIT, "100 at the registry", () -> registry.onlineCount() == 100);
        Lookup lookup = discovery.lookupNow(registry.registry(), tokens.get(42));
        assertEquals(9042, ((Lookup.Resolved) lookup).port());
    }

    @Test
    void verificationReportsAnotherProgramThatRegisteredTheTokenFirst() throws IOException {
        Token token = token("shadowed");
        try (KeepOnline first = new KeepOnline(null, FAST)) {
            Recorder firstRecorder = new Recorder();
            first.addListener(firstRecorder);
            first.keep(token, registry.registry(), 7001);
            firstRecorder.awaitOnline(token);

            engine.keep(token, registry.registry(), 7002);
            KeptToken k = recorder.await(token, "verification done", s -> s.verification() instanceof Verification.OtherPort);
            assertEquals(new Verification.OtherPort("127.0.0.1", 7001, 7002), k.verification());
        }
        engine.verify(token);
        KeptToken k = recorder.await(token, "verified once the other left", s -> s.verification() instanceof Verification.Verified);
        assertEquals(new Verification.Verified("127.0.0.1", 7002), k.verification());
    }

    @Test
    void theLocalServiceCheckSaysWhetherAnythingListens() throws IOException {
        Token listening = token("listening");
        online(listening, service.getLocalPort());
        assertEquals(new LocalService.Listening(service.getLocalPort()),
                recorder.await(listening, "checked", s -> !(s.localService() instanceof LocalService.NotChecked)).localService());

        int free;
        try (ServerSocket probe = new ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        Token silent = token("silent");
        online(silent, free);
        KeptToken k = recorder.await(silent, "checked", s -> !(s.localService() instanceof LocalService.NotChecked));
        assertInstanceOf(LocalService.NotListening.class, k.localService());
        assertTrue(RegistrationWords.of(k.localService()).contains(Integer.toString(free)));
    }

    @Test
    void aNewPortClosesTheOldConnectionBeforeOpeningTheNewOne() {
        Token token = token("moved");
        RegistryFixture.Connection old = online(token, 7101);
        engine.keep(token, registry.registry(), 7102);
        RegistryFixture.await(Recorder.WAIT, "new connection", () -> registry.history(token.reveal()).size() == 2);
        RegistryFixture.Connection fresh = registry.history(token.reveal()).get(1);
        RegistryFixture.await(Recorder.WAIT, "old connection closed", () -> !old.isOpen());
        assertEquals(1000, old.closeStatus(), "the old connection got a close frame, it did not just drop");
        assertTrue(fresh.isOpen());
        assertEquals(1, registry.connections(token.reveal()).size());
        recorder.awaitOnline(token);
        assertEquals(7102, ((Lookup.Resolved) discovery.lookupNow(registry.registry(), token)).port());
    }

    @Test
    void switchingOffAndClosingSendCloseFrames() {
        Token off = token("off");
        Token quit = token("quit");
        RegistryFixture.Connection offConnection = online(off, 7201);
        RegistryFixture.Connection quitConnection = online(quit, 7202);
        engine.stop(off);
        assertEquals(new RegistrationState.Off(), engine.state(off));
        RegistryFixture.await(Recorder.WAIT, "closed", () -> !offConnection.isOpen());
        assertEquals(1000, offConnection.closeStatus());
        assertEquals("switched off", offConnection.closeReason());

        engine.close();
        RegistryFixture.await(Recorder.WAIT, "closed on quit", () -> !quitConnection.isOpen());
        assertEquals(1000, quitConnection.closeStatus());
        assertEquals(0, registry.onlineCount());
    }
}
