package org.tokendesk.probe;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The bytes of {@code grpc.health.v1.Health/Check}: a gRPC length-prefixed message around a
 * one-field protobuf. Small enough to write out here rather than pull in protobuf (2 MB).
 */
final class HealthWire {
    static final String PATH = "grpc.health.v1.Health/Check";
    static final String CONTENT_TYPE = "application/grpc";

    /** Empty {@code HealthCheckRequest} (service ""): a protobuf with no fields is zero bytes. */
    static final byte[] EMPTY_REQUEST = {0, 0, 0, 0, 0};

    /** {@code HealthCheckResponse.ServingStatus} numbers. */
    static final int UNKNOWN = 0;
    static final int SERVING = 1;
    static final int NOT_SERVING = 2;
    static final int SERVICE_UNKNOWN = 3;

    private HealthWire() {
    }

    /** What the response body held. */
    sealed interface Decoded {
        /** The {@code status} field; absent means 0 (UNKNOWN), as protobuf defaults go. */
        record Status(int value) implements Decoded {
        }

        /** No message at all: the gRPC status alone decides. */
        record NoMessage() implements Decoded {
        }

        record Malformed(String why) implements Decoded {
        }
    }

    /** Reads the one message of a unary answer: 1 flag byte, 4 length bytes, then the protobuf. */
    static Decoded decodeBody(byte[] body) {
        if (body.length == 0) {
            return new Decoded.NoMessage();
        }
        if (body.length < 5) {
            return new Decoded.Malformed("truncated gRPC frame (" + body.length + " bytes)");
        }
        if (body[0] != 0) {
            // We sent no grpc-accept-encoding, so a compressed answer is not one a health service sends.
            return new Decoded.Malformed("compressed or unknown frame flag " + (body[0] & 0xff));
        }
        long length = ((body[1] & 0xffL) << 24) | ((body[2] & 0xff) << 16) | ((body[3] & 0xff) << 8) | (body[4] & 0xff);
        if (length != body.length - 5) {
            return new Decoded.Malformed("gRPC frame says " + length + " bytes, body has " + (body.length - 5));
        }
        return decodeResponse(body, 5, body.length);
    }

    /**
     * {@code message HealthCheckResponse { ServingStatus status = 1; }}: field 1 is a varint; other
     * fields, which a newer server may add, are skipped by wire type.
     */
    static Decoded decodeResponse(byte[] b, int from, int to) {
        int status = UNKNOWN;
        int[] pos = {from};
        while (pos[0] < to) {
            long key = varint(b, pos, to);
            if (key < 0) {
                return new Decoded.Malformed("bad field key");
            }
            int field = (int) (key >>> 3);
            int wireType = (int) (key & 7);
            if (field == 0) {
                return new Decoded.Malformed("field number 0");
            }
            switch (wireType) {
                case 0 -> {
                    long value = varint(b, pos, to);
                    if (value < 0) {
                        return new Decoded.Malformed("bad varint");
                    }
                    if (field == 1) {
                        status = (int) value;
                    }
                }
                case 1 -> pos[0] += 8;
                case 2 -> {
                    long length = varint(b, pos, to);
                    if (length < 0 || length > to - pos[0]) {
                        return new Decoded.Malformed("bad length-delimited field");
                    }
                    pos[0] += (int) length;
                }
                case 5 -> pos[0] += 4;
                default -> {
                    return new Decoded.Malformed("wire type " + wireType);
                }
            }
            if (pos[0] > to) {
                return new Decoded.Malformed("field runs past the message");
            }
        }
        return new Decoded.Status(status);
    }

    /** A base-128 varint of at most 10 bytes; -1 when it is cut short or too long. */
    private static long varint(byte[] b, int[] pos, int to) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= to) {
                return -1;
            }
            int next = b[pos[0]++] & 0xff;
            result |= (long) (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                return result < 0 ? -1 : result;
            }
        }
        return -1;
    }

    /** {@code grpc-status} as a number, if it is one. */
    static Optional<Integer> status(String header) {
        if (header == null || !header.strip().matches("\\d{1,3}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(header.strip()));
    }

    /** {@code grpc-message} is percent-encoded UTF-8 (gRPC over HTTP/2 spec); cut to a readable length. */
    static String message(String header) {
        if (header == null) {
            return "";
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = header;
        }
        return decoded.length() > 200 ? decoded.substring(0, 200) + "…" : decoded;
    }

    /** Test helper and documentation of the format: one message in a gRPC frame. */
    static byte[] frame(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(message.length >>> 24);
        out.write(message.length >>> 16);
        out.write(message.length >>> 8);
        out.write(message.length);
        out.writeBytes(message);
        return out.toByteArray();
    }
}
