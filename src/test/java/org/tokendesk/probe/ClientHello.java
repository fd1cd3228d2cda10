package org.tokendesk.probe;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Just enough of TLS to read the server_name a client put in its hello (RFC 8446 §4.1.2, RFC 6066 §3). */
final class ClientHello {
    private ClientHello() {
    }

    /** One TLS record's payload, or empty when the peer closed without sending one. */
    static Optional<byte[]> readRecord(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        byte[] header = new byte[5];
        try {
            in.readFully(header);
        } catch (EOFException e) {
            return Optional.empty();
        }
        if (header[0] != 22) {
            throw new IOException("not a TLS handshake record: type " + header[0]);
        }
        byte[] payload = new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)];
        in.readFully(payload);
        return Optional.of(payload);
    }

    static Optional<String> serverName(byte[] handshake) {
        ByteBuffer b = ByteBuffer.wrap(handshake);
        if (b.get() != 1) {
            throw new IllegalArgumentException("not a ClientHello");
        }
        skip(b, 3 + 2 + 32);
        skip(b, b.get() & 0xff);
        skip(b, b.getShort() & 0xffff);
        skip(b, b.get() & 0xff);
        int extensions = b.getShort() & 0xffff;
        int end = b.position() + extensions;
        while (b.position() < end) {
            int type = b.getShort() & 0xffff;
            int length = b.getShort() & 0xffff;
            if (type == 0) {
                b.getShort();
                b.get();
                byte[] name = new byte[b.getShort() & 0xffff];
                b.get(name);
                return Optional.of(new String(name, StandardCharsets.US_ASCII));
            }
            skip(b, length);
        }
        return Optional.empty();
    }

    private static void skip(ByteBuffer b, int n) {
        b.position(b.position() + n);
    }
}
