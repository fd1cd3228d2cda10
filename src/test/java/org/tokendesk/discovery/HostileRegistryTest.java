package org.tokendesk.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.sun.management.ThreadMXBean;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.tokendesk.net.Http;
import org.tokendesk.testing.Hostile;
import org.tokendesk.testing.HostileServer;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

/**
 * The discovery client against a registry that lies, on a real loopback socket: random JSON,
 * deep nesting, 10 MB strings, invalid UTF-8, numbers beyond 64 bits, truncated and endless
 * bodies. Every lookup ends in a typed outcome within its time limits, reading a bounded amount.
 */
@Timeout(120)
class HostileRegistryTest {
    private static final Token TOKEN = Token.of("insecure_" + UUID.randomUUID());
    private static final Duration SHORT = Duration.ofSeconds(2);
    private static OkHttpClient http;
    private static DiscoveryClient client;

    @BeforeAll
    static void start() {
        http = Http.newClient(new Http.Timeouts(SHORT, SHORT, Duration.ofSeconds(4)));
        client = new DiscoveryClient(http, 4);
    }

    @AfterAll
    static void stop() {
        client.close();
        Http.shutdown(http);
    }

    private static Lookup lookupAt(HostileServer server) {
        Lookup lookup = client.lookupNow(new Registry(URI.create("http://127.0.0.1:" + server.port())), TOKEN);
        TokenLeaks.of(TOKEN).assertNoneIn("lookup", lookup.toString());
        return lookup;
    }

    private static HostileServer.Script answer(int status, byte[] body) {
        return s -> {
            HostileServer.readHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            s.close();
        };
    }

    @Test
    void randomBodiesAllGetATypedOutcome() throws IOException {
        Random random = new Random(16);
        Map<Class<?>, Integer> seen = new HashMap<>();
        try (HostileServer server = HostileServer.start(s -> s.close())) {
            for (int i = 0; i < 200; i++) {
                byte[] body = Hostile.bytes(random);
                if (i % 2 == 0) {
                    body = ("{\"host\":" + Hostile.json(random) + ",\"port\":"
                            + Hostile.json(random) + "}").getBytes(StandardCharsets.UTF_8);
                }
                server.play(answer(200, body));
                Lookup lookup = lookupAt(server);
                seen.merge(lookup.getClass(), 1, Integer::sum);
                if (lookup instanceof Lookup.Failed f) {
                    assertEquals(Lookup.Failure.MALFORMED, f.failure(), f::toString);
                }
            }
        }
        assertTrue(seen.getOrDefault(Lookup.Failed.class, 0) > 50, seen::toString);
    }

    @Test
    void hostileShapesEachGetTheirNamedFailure() throws IOException {
        try (HostileServer server = HostileServer.start(s -> s.close())) {
            server.play(answer(200, ("[".repeat(30_000) + "]".repeat(30_000)).getBytes(StandardCharsets.US_ASCII)));
            assertFailure(Lookup.Failure.MALFORMED, lookupAt(server), "30,000 levels of nesting");
            server.play(answer(200, "{\"host\":\"1.2.3.4\",\"port\":99999999999999999999999999999}".getBytes(StandardCharsets.US_ASCII)));
            assertFailure(Lookup.Failure.MALFORMED, lookupAt(server), "port beyond 64 bits");
            server.play(answer(200, "{\"host\":\"1.2.3.4\",\"port\":8788.0000000000000001}".getBytes(StandardCharsets.US_ASCII)));
            assertFailure(Lookup.Failure.MALFORMED, lookupAt(server), "fractional port");
            server.play(answer(200, new byte[] {'{', '"', 'h', 'o', 's', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', ',', '"', 'p', 'o', 'r', 't', '"', ':', '1', '}'}));
            assertFailure(Lookup.Failure.MALFORMED, lookupAt(server), "invalid UTF-8");
            server.play(s -> {
                HostileServer.readHead(s.getInputStream());
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"host\":\"1.2".getBytes(StandardCharsets.US_ASCII));
                s.close();
            });
            Lookup truncated = lookupAt(server);
            assertInstanceOf(Lookup.Failed.class, truncated, "truncated body");
            server.play(s -> {
                HostileServer.readHead(s.getInputStream());
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"host\":\"1.2".getBytes(StandardCharsets.US_ASCII));
                HostileServer.holdOpen(s);
            });
            assertFailure(Lookup.Failure.TIMEOUT, lookupAt(server), "truncated body, then silence");
            server.play(s -> {
                HostileServer.readHead(s.getInputStream());
                s.getOutputStream().write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                HostileServer.holdOpen(s);
            });
            assertFailure(Lookup.Failure.TIMEOUT, lookupAt(server), "half a head, then silence");
            server.play(s -> {
                HostileServer.readHead(s.getInputStream());
                s.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.close();
            });
            assertInstanceOf(Lookup.Failed.class, lookupAt(server), "not HTTP");
        }
    }

    @Test
    void tenMegabyteAnswersAreRefusedAfterReadingABoundedPart() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        HostileServer.Script huge = s -> {
            HostileServer.readHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"host\":\"".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 160; i++) {
                out.write(chunk); // 10 MiB of one string, close-delimited
            }
            out.write("\",\"port\":1}".getBytes(StandardCharsets.US_ASCII));
            s.close();
        };
        HostileServer.Script hugeHeader = s -> {
            HostileServer.readHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nX-Junk: ".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 160; i++) {
                out.write(chunk);
            }
            s.close();
        };
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (HostileServer server = HostileServer.start(huge)) {
            lookupAt(server); // warm the client up, so that what is measured is the lookup alone
            long before = threads.getCurrentThreadAllocatedBytes();
            assertFailure(Lookup.Failure.TOO_LARGE, lookupAt(server), "10 MiB string");
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 4L * 1024 * 1024, "the lookup allocated " + allocated + " bytes for a 10 MiB answer");
            server.play(hugeHeader);
            before = threads.getCurrentThreadAllocatedBytes();
            assertInstanceOf(Lookup.Failed.class, lookupAt(server), "10 MiB header line");
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 4L * 1024 * 1024, "the lookup allocated " + allocated + " bytes for a 10 MiB header");
        }
    }

    private static void assertFailure(Lookup.Failure expected, Lookup lookup, String what) {
        Lookup.Failed failed = assertInstanceOf(Lookup.Failed.class, lookup, what);
        assertEquals(expected, failed.failure(), () -> what + ": " + failed);
    }
}
