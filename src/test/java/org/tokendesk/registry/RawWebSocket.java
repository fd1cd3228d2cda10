package org.tokendesk.registry;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * A WebSocket client written out by hand for tests: the HTTP upgrade as text, frames as bytes. It
 * does only what the test tells it (it never answers a ping by itself), so it can play a peer that
 * went silent, or send a frame no library would.
 */
final class RawWebSocket implements AutoCloseable {
    static final int TEXT = 1;
    static final int CLOSE = 8;
    static final int PING = 9;
    static final int PONG = 10;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    final int status;
    final String responseHead;

    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 0;
        }
    }

    private RawWebSocket(Socket socket, int status, String head) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.status = status;
        this.responseHead = head;
    }

    static RawWebSocket open(int port, String path, Map<String, String> headers) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(5000);
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        InputStream input = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = input.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int status = text.length() > 12 ? Integer.parseInt(text.substring(9, 12)) : 0;
        return new RawWebSocket(socket, status, text);
    }

    void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        int n = payload.length;
        if (n < 126) {
            frame.write(0x80 | n);
        } else if (n < 65536) {
            frame.write(0x80 | 126);
            frame.write(n >>> 8);
            frame.write(n);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) n >>> shift));
            }
        }
        byte[] mask = new byte[4];
        new SecureRandom().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < n; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Bytes as they are: a frame made by hand, broken on purpose. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long n = second & 0x7f;
        if (n == 126) {
            n = in.readUnsignedShort();
        } else if (n == 127) {
            n = in.readLong();
        }
        byte[] payload = new byte[(int) n];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    /** The next text frame, answering nothing on the way (pings are skipped, not answered). */
    String nextText() throws IOException {
        while (true) {
            Frame f = read();
            if (f.opcode() == TEXT) {
                return f.text();
            }
            if (f.opcode() == CLOSE) {
                throw new IOException("closed " + f.closeCode());
            }
        }
    }

    /** Reads until the server closes; the close code, or -1 when the TCP connection ended without a close frame. */
    int awaitClose() {
        try {
            while (true) {
                Frame f = read();
                if (f.opcode() == CLOSE) {
                    return f.closeCode();
                }
            }
        } catch (IOException e) {
            return -1;
        }
    }

    void soTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
