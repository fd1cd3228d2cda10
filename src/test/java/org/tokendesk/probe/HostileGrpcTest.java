package org.tokendesk.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.net.Http;
import org.tokendesk.testing.HostileServer;
import org.tokendesk.token.Token;

/**
 * The liveness probe against a plaintext HTTP/2 (h2c) server written byte by byte that lies:
 * garbage instead of frames, a gRPC message cut short, no trailers, silence after SETTINGS,
 * GOAWAY, frames larger than allowed, a grpc-status beyond 64 bits. Each probe ends in a typed
 * outcome within its time limits; none is taken for "serving".
 */
@Timeout(120)
class HostileGrpcTest {
    private static final Token TOKEN = Token.of("insecure_" + UUID.randomUUID());
    private static final Duration SHORT = Duration.ofSeconds(2);
    private static OkHttpClient http;
    private static Probe probe;

    @BeforeAll
    static void start() {
        http = Http.newClient(Http.Timeouts.DISCOVERY);
        ProbeConfig d = ProbeConfig.defaults();
        probe = new Probe(http, new ProbeConfig(d.trust(), d.trustSource(), Optional.empty(), true,
                new Http.Timeouts(SHORT, SHORT, Duration.ofSeconds(4))), 1);
    }

    @AfterAll
    static void stop() {
        probe.close();
        Http.shutdown(http);
    }

    /** Reads the client's preface and frames until its HEADERS; returns that stream's id. */
    private static int awaitRequest(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        in.readFully(new byte[24]);
        while (true) {
            int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            in.readUnsignedByte();
            int stream = in.readInt() & 0x7FFFFFFF;
            in.readFully(new byte[length]);
            if (type == 1) {
                return stream;
            }
        }
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(payload.length >> 16);
        b.write(payload.length >> 8);
        b.write(payload.length);
        b.write(type);
        b.write(flags);
        b.write(stream >> 24);
        b.write(stream >> 16);
        b.write(stream >> 8);
        b.write(stream);
        b.writeBytes(payload);
        return b.toByteArray();
    }

    private static final byte[] SETTINGS = frame(4, 0, 0, new byte[0]);

    /** :status 200 and content-type application/grpc, HPACK-encoded without Huffman. */
    private static byte[] grpcHeaders() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x88);
        b.write(0x0f);
        b.write(0x10);
        b.write(16);
        b.writeBytes("application/grpc".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    private static byte[] literal(String name, String value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x00);
        b.write(name.length());
        b.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        b.write(value.length());
        b.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    private interface Reply {
        void to(OutputStream out, int stream) throws IOException;
    }

    private static HostileServer.Script h2(Reply reply) {
        return s -> {
            int stream = awaitRequest(s);
            OutputStream out = s.getOutputStream();
            out.write(SETTINGS);
            reply.to(out, stream);
            out.flush();
            HostileServer.holdOpen(s);
        };
    }

    @Test
    void lyingServersGetTypedOutcomesNeverServing() throws IOException {
        Random random = new Random(16);
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        Map<String, HostileServer.Script> cases = new LinkedHashMap<>();
        cases.put("random bytes instead of HTTP/2", s -> {
            s.getOutputStream().write(noise);
            HostileServer.holdOpen(s);
        });
        cases.put("SETTINGS, then silence", h2((out, stream) -> { }));
        cases.put("headers, a gRPC message cut short, end of stream, no trailers", h2((out, stream) -> {
            out.write(frame(1, 4, stream, grpcHeaders()));
            out.write(frame(0, 1, stream, new byte[] {0, 0, 0, 3, (byte) 0xE8, 8}));
        }));
        cases.put("headers, a message, no end of stream, silence", h2((out, stream) -> {
            out.write(frame(1, 4, stream, grpcHeaders()));
            out.write(frame(0, 0, stream, new byte[] {0, 0, 0, 0, 2, 8, 1}));
        }));
        cases.put("garbage HPACK", h2((out, stream) -> out.write(frame(1, 5, stream, Arrays2.copy(noise, 40)))));
        cases.put("a 16 MiB frame length", h2((out, stream) -> {
            out.write(frame(1, 4, stream, grpcHeaders()));
            out.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0, 0, (byte) stream});
            out.write(noise);
        }));
        cases.put("GOAWAY at once", h2((out, stream) -> out.write(frame(7, 0, 0, new byte[] {0, 0, 0, 0, 0, 0, 0, 2}))));
        cases.put("RST_STREAM", h2((out, stream) -> out.write(frame(3, 0, stream, new byte[] {0, 0, 0, 2}))));
        cases.put("grpc-status beyond 64 bits", h2((out, stream) -> {
            ByteArrayOutputStream h = new ByteArrayOutputStream();
            h.writeBytes(grpcHeaders());
            h.writeBytes(literal("grpc-status", "99999999999999999999999"));
            out.write(frame(1, 5, stream, h.toByteArray()));
        }));
        cases.put("health answer with garbage protobuf", h2((out, stream) -> {
            out.write(frame(1, 4, stream, grpcHeaders()));
            out.write(frame(0, 0, stream, new byte[] {0, 0, 0, 0, 4, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}));
            out.write(frame(1, 5, stream, literal("grpc-status", "0")));
        }));
        StringBuilder seen = new StringBuilder();
        try (HostileServer server = HostileServer.start(s -> s.close())) {
            for (Map.Entry<String, HostileServer.Script> c : cases.entrySet()) {
                server.play(c.getValue());
                long start = System.nanoTime();
                ProbeReport report = probe.probeNow(TOKEN, "127.0.0.1", server.port());
                long ms = (System.nanoTime() - start) / 1_000_000;
                ProbeOutcome outcome = report.outcome();
                assertNotNull(outcome, c.getKey());
                assertFalse(outcome instanceof ProbeOutcome.Serving, c.getKey() + ": " + outcome);
                assertTrue(ms < 15_000, c.getKey() + " took " + ms + " ms");
                assertFalse(report.toString().contains(TOKEN.reveal()));
                seen.append(c.getKey()).append(" -> ").append(outcome).append(" (").append(ms).append(" ms)\n");
            }
        }
        System.out.print(seen);
    }

    /**
     * Servers that speak HTTP/2 and then break it (GOAWAY, RST_STREAM, garbage HPACK), or send bytes
     * that are no HTTP at all, are not "an HTTP/1 server": each gets its own reason and words. A real
     * HTTP/1 server (Jetty) still is one, and an HTTP/1 answer written by hand too.
     */
    @Test
    void http2ProtocolErrorsAreNotCalledAnHttp1Server() throws Exception {
        Random random = new Random(161);
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        Map<String, HostileServer.Script> broken = new LinkedHashMap<>();
        broken.put("garbage HPACK", h2((out, stream) -> out.write(frame(1, 5, stream, Arrays2.copy(noise, 40)))));
        broken.put("GOAWAY at once", h2((out, stream) -> out.write(frame(7, 0, 0, new byte[] {0, 0, 0, 0, 0, 0, 0, 2}))));
        broken.put("GOAWAY PROTOCOL_ERROR", h2((out, stream) -> out.write(frame(7, 0, 0, new byte[] {0, 0, 0, 0, 0, 0, 0, 1}))));
        broken.put("RST_STREAM", h2((out, stream) -> out.write(frame(3, 0, stream, new byte[] {0, 0, 0, 2}))));
        broken.put("RST_STREAM REFUSED_STREAM", h2((out, stream) -> out.write(frame(3, 0, stream, new byte[] {0, 0, 0, 7}))));
        broken.put("a frame of unknown size on stream 0", h2((out, stream) -> out.write(frame(4, 0, 0, new byte[] {1, 2, 3}))));
        Map<String, HostileServer.Script> http1 = new LinkedHashMap<>();
        http1.put("an HTTP/1.1 400 written by hand", s -> {
            s.getInputStream().readNBytes(24);
            s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            HostileServer.holdOpen(s);
        });
        Map<String, HostileServer.Script> noHttp = new LinkedHashMap<>();
        noHttp.put("random bytes instead of HTTP/2", s -> {
            s.getOutputStream().write(noise);
            HostileServer.holdOpen(s);
        });
        noHttp.put("an SSH banner", s -> {
            s.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
            HostileServer.holdOpen(s);
        });
        StringBuilder seen = new StringBuilder();
        try (HostileServer server = HostileServer.start(s -> s.close())) {
            for (var group : List.of(Map.entry(ProbeOutcome.NotGrpc.Why.HTTP2_ERROR, broken), Map.entry(ProbeOutcome.NotGrpc.Why.HTTP1, http1),
                    Map.entry(ProbeOutcome.NotGrpc.Why.NOT_HTTP, noHttp))) {
                for (Map.Entry<String, HostileServer.Script> c : group.getValue().entrySet()) {
                    server.play(c.getValue());
                    ProbeReport report = probe.probeNow(TOKEN, "127.0.0.1", server.port());
                    seen.append(c.getKey()).append(" -> ").append(report.outcome()).append('\n');
                    ProbeOutcome.NotGrpc n = assertInstanceOf(ProbeOutcome.NotGrpc.class, report.outcome(), c.getKey());
                    assertEquals(group.getKey(), n.why(), c.getKey() + ": " + n);
                    for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                        Text.use(locale);
                        String words = Words.of(report);
                        boolean saysHttp1Server = words.contains("HTTP/1 web server") || words.contains("HTTP/1 网站服务器");
                        assertEquals(group.getKey() == ProbeOutcome.NotGrpc.Why.HTTP1, saysHttp1Server, c.getKey() + ": " + words);
                        assertEquals(locale != Locale.ENGLISH, words.contains("不是 gRPC 服务"), words);
                    }
                }
            }
        }
        try (Http1Servers.Plain jetty = Http1Servers.plain()) {
            ProbeOutcome outcome = probe.probeNow(TOKEN, "127.0.0.1", jetty.port()).outcome();
            seen.append("Jetty HTTP/1.1 -> ").append(outcome).append('\n');
            assertEquals(ProbeOutcome.NotGrpc.Why.HTTP1, assertInstanceOf(ProbeOutcome.NotGrpc.class, outcome).why());
        }
        System.out.print(seen);
    }

    @AfterEach
    void english() {
        Text.use(Locale.ENGLISH);
    }

    private static final class Arrays2 {
        static byte[] copy(byte[] b, int n) {
            byte[] out = new byte[n];
            System.arraycopy(b, 0, out, 0, n);
            return out;
        }
    }
}
