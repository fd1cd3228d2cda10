package org.tokendesk.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Registry;
import org.tokendesk.net.Http;
import org.tokendesk.testing.Hostile;
import org.tokendesk.testing.HostileServer;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.token.Token;

/**
 * WebSocket frames no registry should send, to the keep-online client over real loopback
 * sockets: through the Jetty test registry (random JSON, deep nesting, 10 MiB messages whole and
 * fragmented) and from a raw socket (invalid UTF-8, truncated frames, a length of 2^63-1).
 * Garbage is ignored without losing the connection; what cannot be read ends the connection with
 * a named cause, and the token comes back online.
 */
@Timeout(120)
class HostileFramesTest {
    private static final Timing FAST = new Timing(Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofMillis(50),
            Duration.ofMillis(300), Duration.ofSeconds(30), Duration.ofMillis(300));
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Token TOKEN = Token.of("insecure_frames-" + UUID.randomUUID());
    private static final int PORT = 8790;

    private OkHttpClient http;
    private DiscoveryClient discovery;
    private KeepOnline engine;
    private final List<Drop> drops = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        http = Http.newClient(Http.Timeouts.DISCOVERY);
        discovery = new DiscoveryClient(http, 2);
        engine = new KeepOnline(discovery, FAST);
        engine.addListener(status -> {
            if (status.state() instanceof RegistrationState.Retrying r && (drops.isEmpty() || !drops.get(drops.size() - 1).equals(r.lastError()))) {
                drops.add(r.lastError());
            }
        });
    }

    @AfterEach
    void stop() {
        engine.close();
        discovery.close();
        Http.shutdown(http);
    }

    private void awaitOnline(RegistryFixture registry, String what) {
        RegistryFixture.await(WAIT, what, () -> engine.state(TOKEN) instanceof RegistrationState.Online
                && registry.connections(TOKEN.reveal()).size() == 1);
    }

    @Test
    void randomFramesAreIgnoredAndTheConnectionKeepsAnswering() {
        try (RegistryFixture registry = RegistryFixture.start(RegistryFixture.Options.defaults().withPortQueryTimeout(Duration.ofSeconds(10)))) {
            engine.keep(TOKEN, registry.registry(), PORT);
            awaitOnline(registry, "online");
            Random random = new Random(16);
            int sent = 0;
            for (int i = 0; i < 400; i++) {
                String frame = switch (i % 4) {
                    case 0 -> Hostile.json(random);
                    case 1 -> "{\"name\":" + Hostile.json(random) + ",\"payload\":" + Hostile.json(random) + "}";
                    case 2 -> "{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":" + Hostile.json(random) + ",\"method\":" + Hostile.json(random) + "}}";
                    default -> Hostile.randomText(random, random.nextInt(200));
                };
                // Events that legitimately end or reset a registration are the subject of other tests.
                if (frame.matches("(?s).*\"(shutdown|reset|logout)\".*")) {
                    continue;
                }
                registry.sendToRegistrant(TOKEN.reveal(), frame);
                sent++;
            }
            registry.sendToRegistrant(TOKEN.reveal(), "{\"name\":\"x\",\"payload\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}");
            RegistryFixture.PortQuery answer = registry.queryPort(TOKEN.reveal());
            assertEquals(PORT, answer.port().asInt(), "port query after " + sent + " hostile frames");
            assertEquals(1, registry.history(TOKEN.reveal()).size(), "garbage must not cost the connection; drops: " + drops);
            assertTrue(engine.state(TOKEN) instanceof RegistrationState.Online);
        }
    }

    @Test
    void tenMegabyteMessagesAreDroppedUnreadAndTheConnectionStays() {
        try (RegistryFixture registry = RegistryFixture.start(RegistryFixture.Options.defaults().withPortQueryTimeout(Duration.ofSeconds(10)))) {
            engine.keep(TOKEN, registry.registry(), PORT);
            awaitOnline(registry, "online");
            String huge = "{\"name\":\"sys\",\"payload\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}";
            for (int round = 1; round <= 2; round++) {
                RegistryFixture.Connection c = registry.connections(TOKEN.reveal()).get(0);
                if (round == 1) {
                    c.send(huge);
                } else {
                    c.sendFragmented(huge, 64 * 1024);
                }
                int expected = round;
                RegistryFixture.await(WAIT, "the client says it dropped message " + round,
                        () -> engine.log(TOKEN).stream().filter(e -> e.event() == LogEntry.Event.TOO_LARGE).count() == expected);
                assertEquals(PORT, registry.queryPort(TOKEN.reveal()).port().asInt(), "port query after 10 MiB message " + round);
                assertTrue(c.isOpen(), "the connection stays");
            }
            assertEquals(1, registry.history(TOKEN.reveal()).size(), drops::toString);
            assertTrue(drops.isEmpty(), drops::toString);
        }
    }

    @Test
    void framesThatLieEndTheConnectionWithANamedCauseAndNothingHangs() throws Exception {
        byte[] invalidUtf8 = frame(0x81, new byte[] {'{', '"', 'n', (byte) 0xC3, (byte) 0x28, '"', '}'});
        byte[] truncated = Arrays2.head(frame(0x81, "{\"name\":\"sys\",\"payload\":\"registered\"}".getBytes(StandardCharsets.UTF_8)), 10);
        byte[] endless = {(byte) 0x81, 127, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 'a', 'b'};
        byte[] badOpcode = frame(0x83, "x".getBytes(StandardCharsets.US_ASCII));
        byte[] maskedFromServer = {(byte) 0x81, (byte) 0x81, 1, 2, 3, 4, 'a'};
        byte[] controlTooLong = frame(0x89, new byte[200]);
        List<byte[]> scripts = List.of(invalidUtf8, truncated, endless, badOpcode, maskedFromServer, controlTooLong);
        List<String> seen = new ArrayList<>();
        Set<Drop.Cause> named = Set.of(Drop.Cause.CLOSED, Drop.Cause.NO_PONG, Drop.Cause.TOO_LARGE, Drop.Cause.OTHER);
        for (byte[] bad : scripts) {
            drops.clear();
            try (HostileServer server = HostileServer.start(s -> {
                upgrade(s);
                s.getOutputStream().write(bad);
                s.getOutputStream().flush();
                HostileServer.holdOpen(s);
            })) {
                Registry registry = new Registry(URI.create("http://127.0.0.1:" + server.port()));
                engine.keep(TOKEN, registry, PORT);
                RegistryFixture.await(WAIT, "a drop after " + Arrays2.hex(bad), () -> !drops.isEmpty() && server.connections() >= 2);
                Drop drop = drops.get(0);
                assertTrue(named.contains(drop.cause()), drop::toString);
                seen.add(Arrays2.hex(bad) + " -> " + drop.cause());
                engine.stop(TOKEN);
            }
        }
        System.out.println("raw frames: " + seen);
    }

    /** Answers the upgrade as a registry would, with the offered sub-protocol. */
    private static void upgrade(Socket s) throws IOException {
        String head = HostileServer.readHead(s.getInputStream());
        String key = header(head, "Sec-WebSocket-Key");
        String protocol = header(head, "Sec-WebSocket-Protocol");
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept
                + (protocol == null ? "" : "\r\nSec-WebSocket-Protocol: " + protocol.split(",")[0].strip()) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String header(String head, String name) {
        Matcher m = Pattern.compile("(?im)^" + name + ":\\s*(.*?)\\s*$").matcher(head);
        return m.find() ? m.group(1) : null;
    }

    /** An unmasked server frame with a 7- or 16-bit length. */
    private static byte[] frame(int first, byte[] payload) {
        int n = payload.length;
        byte[] header = n < 126 ? new byte[] {(byte) first, (byte) n} : new byte[] {(byte) first, 126, (byte) (n >> 8), (byte) n};
        byte[] out = new byte[header.length + n];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(payload, 0, out, header.length, n);
        return out;
    }

    private static final class Arrays2 {
        static byte[] head(byte[] b, int n) {
            return Arrays.copyOf(b, n);
        }

        static String hex(byte[] b) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < Math.min(4, b.length); i++) {
                s.append(String.format("%02x", b[i]));
            }
            return s.toString();
        }
    }
}
