package org.tokendesk.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.net.Http;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.token.Token;

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
    void anUpgradeAnsweredWithAnotherStatusIsRetriedNotRejected() {
        Token token = token("notws");
        org.tokendesk.discovery.Registry wrongPath = new org.tokendesk.discovery.Registry(java.net.URI.create(registry.registry() + "/nope"));
        engine.keep(token, wrongPath, 8788);
        KeptToken k = recorder.await(token, "retrying", s -> s.state() instanceof RegistrationState.Retrying);
        RegistrationState.Retrying retrying = (RegistrationState.Retrying) k.state();
        assertEquals(new Drop(Drop.Cause.HTTP_STATUS, "HTTP 404"), retrying.lastError());
        recorder.await(token, "retried", s -> s.state() instanceof RegistrationState.Retrying r && r.attempt() >= 2);
    }
}
