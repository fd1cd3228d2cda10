package org.tokendesk.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.testing.Puppet;
import org.tokendesk.testing.Hostile;
import org.tokendesk.testing.RegistryFixture;

/**
 * Hostile input aimed at TokenDesk's own registry on a loopback port: random lookup paths (invalid
 * UTF-8 escapes, 10 KB paths, traversal, NUL) and headers over raw HTTP/1.1, and random WebSocket
 * frames from a registrant (random JSON, deep nesting, 10 MB text, invalid UTF-8, numbers beyond
 * 64 bits, truncated, fragmented, binary, bad opcodes). Each gets a status or a close code, the
 * server answers a normal lookup afterwards, and threads and heap stay where they were.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HostileRegistryInputTest {
    private static final String TOKEN = "insecure_" + UUID.randomUUID();
    /** What the registry may answer a request with: anything else (500, no answer) is a failure. */
    private static final Set<Integer> HTTP_STATUSES = Set.of(200, 400, 403, 404, 405, 414, 431, 505);
    /** Close codes a hostile frame may earn: protocol error, unacceptable data, bad UTF-8, policy, too big. */
    private static final Set<Integer> CLOSE_CODES = Set.of(1002, 1003, 1007, 1008, 1009);

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private RegistryServer registry;
    private Puppet puppet;

    @BeforeEach
    void start() throws Exception {
        // Upgrades from one address are rate-limited; this test makes hundreds from 127.0.0.1 on purpose.
        Limits limits = Limits.DEFAULT.withConnections(1000, 10_000, 10_000);
        RegistryOptions options = RegistryOptions.defaults(home).listenOn(new InetSocketAddress("127.0.0.1", 0))
                .plainOnly(true).withLimits(limits);
        registry = RegistryServer.start(options, new MemoryDirectory(), e -> { });
        puppet = Puppet.connect(http, URI.create("ws://127.0.0.1:" + registry.port() + "/v0/websocket"), TOKEN, "8788", "");
        RegistryFixture.await(Duration.ofSeconds(10), "the honest registrant online", () -> registry.core().onlineCount() == 1);
    }

    @AfterEach
    void stop() throws Exception {
        puppet.close();
        registry.close();
    }

    private void normalLookupStillAnswered(String after) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + registry.port() + "/v0/hosties/" + TOKEN))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), after);
        assertTrue(answer.body().contains("\"port\":8788"), after + ": " + answer.body());
    }

    // ---- HTTP ----

    private static final String[] ESCAPES = {"%C3%28", "%FF", "%ED%A0%80", "%F4%90%80%80", "%C0%AF", "%E2%82", "%00", "%2F", "%2e%2e",
        "%", "%G1", "%%", "%25", "%0D%0A", "%F0%9F%98%80"};
    private static final String[] PIECES = {"..", "../", "..%2f", "/", "//", "\\", ";", "?", "#", "a", "insecure_", "~", "\u00e9", "\u0000"};

    private static String randomPath(Random random) {
        int kind = random.nextInt(6);
        StringBuilder p = new StringBuilder("/v0/hosties/");
        if (kind == 0) {
            // About 10 KB: beyond any header limit.
            p.append("a".repeat(10_000 + random.nextInt(400)));
            return p.toString();
        }
        int n = 1 + random.nextInt(kind == 1 ? 400 : 30);
        for (int i = 0; i < n; i++) {
            int pick = random.nextInt(3);
            p.append(pick == 0 ? ESCAPES[random.nextInt(ESCAPES.length)]
                    : pick == 1 ? PIECES[random.nextInt(PIECES.length)] : Character.toString((char) ('!' + random.nextInt(94))));
        }
        return p.toString();
    }

    private static final String[] METHODS = {"GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT", "GÉT", "get", "BREW"};

    private static byte[] randomRequest(Random random) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String method = METHODS[random.nextInt(METHODS.length)];
        b.writeBytes((method + " " + randomPath(random) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n").getBytes(StandardCharsets.UTF_8));
        int headers = random.nextInt(6);
        for (int i = 0; i < headers; i++) {
            switch (random.nextInt(7)) {
                case 0 -> b.writeBytes(("X-" + random.nextInt(1000) + ": " + "v".repeat(random.nextInt(12_000)) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                case 1 -> {
                    byte[] junk = new byte[1 + random.nextInt(40)];
                    random.nextBytes(junk);
                    b.writeBytes("X-Junk: ".getBytes(StandardCharsets.US_ASCII));
                    b.writeBytes(junk);
                    b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                case 2 -> b.writeBytes("Content-Length: 99999999999999999999999\r\n".getBytes(StandardCharsets.US_ASCII));
                case 3 -> b.writeBytes("Transfer-Encoding: chunked, identity\r\n".getBytes(StandardCharsets.US_ASCII));
                case 4 -> b.writeBytes("Host: other.example\r\n".getBytes(StandardCharsets.US_ASCII));
                case 5 -> b.writeBytes("Upgrade: websocket\r\nConnection: Upgrade\r\n".getBytes(StandardCharsets.US_ASCII));
                default -> b.writeBytes(("No colon here " + random.nextInt() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        b.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /** The status of the answer to {@code request} sent as raw bytes; -1 when the server closed without one. */
    private int rawStatus(byte[] request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", registry.port()), 2000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before it read everything (a 431 on a long header).
            }
            InputStream in = s.getInputStream();
            byte[] line = new byte[12];
            int n = 0;
            try {
                while (n < line.length) {
                    int r = in.read(line, n, line.length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
            } catch (java.net.SocketException e) {
                // A reset after the answer was sent can lose it; counted as no answer below.
            }
            String head = new String(line, 0, n, StandardCharsets.ISO_8859_1);
            return head.startsWith("HTTP/1.1 ") && n == 12 ? Integer.parseInt(head.substring(9, 12)) : -1;
        }
    }

    @Test
    void randomLookupRequestsGetAStatusAndTheRegistryKeepsAnswering() throws Exception {
        int tries = Integer.getInteger("reliability.requests", 400);
        Random random = new Random(Long.getLong("reliability.seed", 2));
        Baseline before = Baseline.take();
        Map<Integer, Integer> seen = new TreeMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < tries && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(90); i++) {
            byte[] request = randomRequest(random);
            int status = rawStatus(request);
            seen.merge(status, 1, Integer::sum);
            assertTrue(HTTP_STATUSES.contains(status), "request " + i + " got " + status + ": "
                    + new String(request, 0, Math.min(200, request.length), StandardCharsets.ISO_8859_1));
            if (i % 100 == 99) {
                normalLookupStillAnswered("after request " + i);
            }
        }
        normalLookupStillAnswered("after all requests");
        System.out.println("HostileRegistryInputTest HTTP: " + tries + " requests, statuses " + seen
                + ", " + (System.nanoTime() - start) / 1_000_000 + " ms");
        before.assertNoLeak(registry, "HTTP");
    }

    // ---- WebSocket ----

    /** A registrant's raw socket for one hostile exchange. */
    private RawWebSocket registrant() throws IOException {
        RawWebSocket ws = RawWebSocket.open(registry.port(), "/v0/websocket",
                Map.of("Authorization", "Token insecure_" + UUID.randomUUID(), "Sec-WebSocket-Protocol", "io|0.0.1|fuzz||8788"));
        assertEquals(101, ws.status, ws.responseHead);
        return ws;
    }

    /** Frame bytes written by hand: any opcode, FIN and RSV bits, a length that may lie, masked or not. */
    private static byte[] frame(int firstByte, byte[] payload, long claimedLength, boolean masked, Random random) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        if (claimedLength < 126) {
            f.write(maskBit | (int) claimedLength);
        } else if (claimedLength < 65536) {
            f.write(maskBit | 126);
            f.write((int) (claimedLength >>> 8));
            f.write((int) claimedLength);
        } else {
            f.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) (claimedLength >>> shift));
            }
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        if (masked) {
            f.write(mask, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            f.write(masked ? payload[i] ^ mask[i % 4] : payload[i]);
        }
        return f.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private record Outcome(String what) {
    }

    /**
     * After the hostile bytes: either the server closes with a defined code, or the connection is
     * still good and answers a {@code hostie} question. Anything else (silence, a bare TCP close
     * without a close frame where one was due) fails.
     */
    private static Outcome afterwards(RawWebSocket ws, boolean mayDrop) throws IOException {
        ws.soTimeout(10_000);
        try {
            ws.sendText("{\"name\":\"hostie\"}");
        } catch (IOException e) {
            // Already closed by the server: its close frame is waiting to be read.
        }
        try {
            while (true) {
                RawWebSocket.Frame f = ws.read();
                if (f.opcode() == RawWebSocket.CLOSE) {
                    assertTrue(CLOSE_CODES.contains(f.closeCode()), "close code " + f.closeCode());
                    return new Outcome("closed " + f.closeCode());
                }
                if (f.opcode() == RawWebSocket.TEXT && f.text().startsWith("{\"name\":\"hostie\"")) {
                    return new Outcome("kept");
                }
            }
        } catch (IOException e) {
            assertTrue(mayDrop, "no close frame and no answer: " + e);
            return new Outcome("dropped");
        }
    }

    @Test
    void randomFramesFromARegistrantGetACloseCodeOrAreIgnored() throws Exception {
        Random random = new Random(Long.getLong("reliability.seed", 3));
        Baseline before = Baseline.take();
        Map<String, String> seen = new TreeMap<>();
        long start = System.nanoTime();

        // 300 random JSON texts on one connection: each ignored or answered, the connection kept.
        int frames = Integer.getInteger("reliability.frames", 300);
        try (RawWebSocket ws = registrant()) {
            for (int i = 0; i < frames; i++) {
                String text = switch (random.nextInt(4)) {
                    case 0 -> Hostile.json(random);
                    case 1 -> "{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":" + bigNumber(random) + ",\"result\":" + bigNumber(random) + "}}";
                    case 2 -> "{\"name\":" + Hostile.json(random) + ",\"payload\":" + Hostile.json(random) + "}";
                    default -> new String(Hostile.bytes(random), StandardCharsets.UTF_8);
                };
                ws.sendText(text);
            }
            seen.put(frames + " random JSON texts", afterwards(ws, false).what());
        }

        Map<String, byte[][]> cases = new java.util.LinkedHashMap<>();
        String deepInLimit = "{\"name\":\"x\",\"payload\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}";
        cases.put("nesting 30,000 deep (within the frame limit)", new byte[][] {frame(0x81, utf8(deepInLimit), utf8(deepInLimit).length, true, random)});
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        cases.put("nesting 100,000 deep (200 KB)", new byte[][] {frame(0x81, utf8(deep), deep.length(), true, random)});
        byte[] tenMb = new byte[10 * 1024 * 1024];
        Arrays.fill(tenMb, (byte) 'a');
        cases.put("10 MB text in one frame", new byte[][] {frame(0x81, tenMb, tenMb.length, true, random)});
        byte[][] fragments = new byte[161][];
        byte[] piece = Arrays.copyOf(tenMb, 64 * 1024);
        for (int i = 0; i < fragments.length; i++) {
            int first = i == 0 ? 0x01 : i == fragments.length - 1 ? 0x80 : 0x00;
            fragments[i] = frame(first, piece, piece.length, true, random);
        }
        cases.put("10 MB text in 64 KiB fragments", fragments);
        cases.put("invalid UTF-8 in a text frame", new byte[][] {frame(0x81, new byte[] {'{', (byte) 0xC3, 0x28, (byte) 0xFF, '}'}, 5, true, random)});
        cases.put("a lone surrogate encoded in UTF-8", new byte[][] {frame(0x81, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 3, true, random)});
        String huge = "{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":1e400,\"result\":" + "9".repeat(2000) + "}}";
        cases.put("numbers beyond 64 bits (2,000 digits, 1e400)", new byte[][] {frame(0x81, utf8(huge), utf8(huge).length, true, random)});
        cases.put("a truncated frame (100 bytes claimed, 10 sent)", new byte[][] {frame(0x81, utf8("{\"name\":\"s"), 100, true, random)});
        cases.put("a frame length of 2^63-1", new byte[][] {frame(0x81, new byte[0], Long.MAX_VALUE, true, random)});
        cases.put("a fragmented text, then a new text before its end", new byte[][] {frame(0x01, utf8("{\"na"), 4, true, random),
            frame(0x81, utf8("{}"), 2, true, random)});
        cases.put("a continuation without a start", new byte[][] {frame(0x80, utf8("me\"}"), 4, true, random)});
        cases.put("a fragmented text in three parts (valid)", new byte[][] {frame(0x01, utf8("{\"name\""), 7, true, random),
            frame(0x00, utf8(":\"sys\",\"payload\""), 16, true, random), frame(0x80, utf8(":\"hi\"}"), 6, true, random)});
        byte[] noise = new byte[512];
        random.nextBytes(noise);
        cases.put("a binary frame of noise", new byte[][] {frame(0x82, noise, noise.length, true, random)});
        cases.put("a binary frame over the limit", new byte[][] {frame(0x82, Arrays.copyOf(tenMb, 200_000), 200_000, true, random)});
        cases.put("an unknown opcode (3)", new byte[][] {frame(0x83, noise, 20, true, random)});
        cases.put("RSV bits set", new byte[][] {frame(0xF1, utf8("{}"), 2, true, random)});
        cases.put("an unmasked client frame", new byte[][] {frame(0x81, utf8("{}"), 2, false, random)});
        cases.put("a 126-byte ping", new byte[][] {frame(0x89, Arrays.copyOf(noise, 126), 126, true, random)});
        cases.put("a close frame with a 1-byte payload", new byte[][] {frame(0x88, new byte[] {3}, 1, true, random)});
        cases.put("random bytes instead of frames", new byte[][] {noise});

        // Twice: what the first round leaves (Jetty's buffer pool, warmed caches) must not grow in the second.
        int rounds = Integer.getInteger("reliability.rounds", 2);
        long[] heapAfterRound = new long[rounds];
        for (int round = 0; round < rounds; round++) {
        for (Map.Entry<String, byte[][]> c : cases.entrySet()) {
            try (RawWebSocket ws = registrant()) {
                boolean truncated = c.getKey().startsWith("a truncated");
                try {
                    for (byte[] bytes : c.getValue()) {
                        ws.sendRaw(bytes);
                    }
                } catch (IOException e) {
                    // The server stopped reading (a limit hit); what it answered is checked below.
                }
                if (truncated) {
                    // The rest of the frame never comes: the peer goes away, and the server must let go of it.
                    seen.put(c.getKey(), "client left");
                    continue;
                }
                seen.put(c.getKey(), afterwards(ws, c.getKey().contains("random bytes")).what());
            }
        }
        heapAfterRound[round] = Baseline.usedHeapAfterGc();
        }
        // The test's own 30 MB of frames go before the heap is compared.
        cases.clear();
        tenMb = null;
        fragments = null;
        piece = null;
        normalLookupStillAnswered("after the frames");
        RegistryFixture.await(Duration.ofSeconds(20), "the hostile sockets let go",
                () -> registry.openSockets() == 1 && registry.core().onlineCount() == 1);
        seen.forEach((k, v) -> System.out.println("HostileRegistryInputTest WS: " + k + " -> " + v));
        System.out.println("HostileRegistryInputTest WS: " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertEquals("closed 1009", seen.get("10 MB text in one frame"));
        assertEquals("closed 1009", seen.get("10 MB text in 64 KiB fragments"));
        assertEquals("closed 1007", seen.get("invalid UTF-8 in a text frame"));
        assertEquals("closed 1009", seen.get("a frame length of 2^63-1"));
        assertEquals("kept", seen.get(frames + " random JSON texts"));
        before.assertNoLeak(registry, "WebSocket");
        long secondRound = heapAfterRound[rounds - 1] - heapAfterRound[0];
        System.out.println("HostileRegistryInputTest WS: heap after GC, round by round (KiB): "
                + Arrays.toString(Arrays.stream(heapAfterRound).map(h -> h / 1024).toArray()));
        assertTrue(secondRound < 8L * 1024 * 1024, "heap grew " + secondRound / 1024 + " KiB from the first round to the last");
    }

    private static String bigNumber(Random random) {
        String[] n = {"99999999999999999999999999999", "-9223372036854775809", "1e400", "-1e-400", "18446744073709551616", "0.1e99999"};
        return n[random.nextInt(n.length)];
    }

    /** Threads and heap before the fuzz, to compare with after it. */
    private record Baseline(int threadsOutside, long heap) {
        static Baseline take() {
            return new Baseline(otherThreads(), usedHeapAfterGc());
        }

        /** Threads outside the registry's own bounded pool (96 at most): a leak there grows with every input. */
        static int otherThreads() {
            int n = 0;
            for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
                if (!t.getThreadName().startsWith("registry-")) {
                    n++;
                }
            }
            return n;
        }

        static long usedHeapAfterGc() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        void assertNoLeak(RegistryServer registry, String what) {
            RegistryFixture.await(Duration.ofSeconds(20), what + ": threads back", () -> otherThreads() <= threadsOutside + 2);
            long pool = Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                    .filter(t -> t.getThreadName().startsWith("registry-")).count();
            long grown = usedHeapAfterGc() - heap;
            System.out.println("HostileRegistryInputTest " + what + ": threads outside the pool " + threadsOutside + " -> " + otherThreads()
                    + ", registry pool " + pool + " (max 96), heap after GC grew " + grown / 1024 + " KiB");
            assertTrue(pool <= 96, "pool " + pool);
            // Bounded, not zero: Jetty keeps a pool of buffers once it has read big frames.
            assertTrue(grown < 48L * 1024 * 1024, "heap grew " + grown / 1024 + " KiB");
        }
    }
}
