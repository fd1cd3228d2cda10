package org.tokendesk.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * What a plaintext server answers an HTTP/2 request with, from its first bytes: OkHttp's failure
 * alone cannot tell an HTTP/1 server from noise or a broken HTTP/2 one (when the connection fails
 * before the call is placed, every one of them shows as ConnectionShutdownException).
 */
final class FirstBytes {
    enum Speaks {
        /** {@code HTTP/1.x …}: a web server that does not speak HTTP/2. */
        HTTP1,
        /** A SETTINGS frame on stream 0, as every HTTP/2 server sends first. */
        HTTP2,
        /** Bytes that are neither. */
        OTHER,
        /** No byte before the server closed or the time ran out. */
        NOTHING
    }

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** An empty SETTINGS, then HEADERS on stream 1 (POST, http, /), END_HEADERS: servers that wait for a request get one. */
    private static final byte[] FRAMES = {0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 3, 1, 4, 0, 0, 0, 1, (byte) 0x83, (byte) 0x86, (byte) 0x84};
    private static final int HEADER = 9;

    private FirstBytes() {
    }

    static Speaks of(InetAddress address, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] got = new byte[HEADER];
        int n = 0;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), (int) Math.max(1, timeout.toMillis()));
            OutputStream out = s.getOutputStream();
            out.write(PREFACE);
            out.write(FRAMES);
            out.flush();
            InputStream in = s.getInputStream();
            while (n < HEADER) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                s.setSoTimeout((int) left);
                int r = in.read(got, n, HEADER - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            // What arrived before the failure (a reset, a timeout) is all there is to judge by.
        }
        return judge(Arrays.copyOf(got, n));
    }

    static Speaks judge(byte[] first) {
        if (first.length == 0) {
            return Speaks.NOTHING;
        }
        byte[] http = "HTTP/".getBytes(StandardCharsets.US_ASCII);
        if (first.length >= http.length && Arrays.equals(Arrays.copyOf(first, http.length), http)) {
            return Speaks.HTTP1;
        }
        if (first.length == HEADER) {
            int length = (first[0] & 0xFF) << 16 | (first[1] & 0xFF) << 8 | (first[2] & 0xFF);
            int stream = (first[5] & 0x7F) << 24 | (first[6] & 0xFF) << 16 | (first[7] & 0xFF) << 8 | (first[8] & 0xFF);
            if (first[3] == 4 && stream == 0 && length % 6 == 0 && length <= 16384) {
                return Speaks.HTTP2;
            }
        }
        return Speaks.OTHER;
    }
}
