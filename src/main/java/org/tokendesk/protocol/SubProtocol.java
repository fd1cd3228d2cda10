package org.tokendesk.protocol;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The WebSocket sub-protocol a registrant offers: {@code io|0.0.1|<client id>|<host>|<port>}.
 * Only {@code io} connections are discoverable; a browser-side client offers {@code web|…}.
 * {@code host} (may be empty) is what the registry hands out instead of the socket's address;
 * {@code port} is informational, registries take the port from the JSON-RPC answer.
 * Fields are kept as text (a registry must not fail on an odd port); missing ones are empty.
 */
public record SubProtocol(String kind, String version, String clientId, String host, String port) {
    public static final String IO = "io";
    public static final String WEB = "web";
    public static final String VERSION = "0.0.1";
    /** Longer values are refused unread: a header field, not a document. */
    public static final int MAX_LENGTH = 512;
    private static final int FIELDS = 5;

    /** Why an offered sub-protocol cannot be read. */
    public enum Problem {
        BLANK, TOO_LONG, TOO_MANY_FIELDS, NO_KIND, BAD_CHARACTER
    }

    /** The result of {@link #parse(String)}. */
    public sealed interface Parsed {
    }

    public record Ok(SubProtocol value) implements Parsed {
    }

    public record Malformed(Problem problem) implements Parsed {
    }

    public SubProtocol {
        Objects.requireNonNull(kind, "kind");
        version = version == null ? "" : version;
        clientId = clientId == null ? "" : clientId;
        host = host == null ? "" : host;
        port = port == null ? "" : port;
        for (String f : new String[] {kind, version, clientId, host, port}) {
            if (f.indexOf('|') >= 0 || !printable(f)) {
                throw new IllegalArgumentException("a sub-protocol field holds '|' or a control character");
            }
        }
    }

    /** A registrant's offer; {@code host} empty lets the registry use the socket's address. */
    public static SubProtocol io(String clientId, String host, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 1..65535");
        }
        return new SubProtocol(IO, VERSION, clientId, host, Integer.toString(port));
    }

    public static Parsed parse(String offered) {
        if (offered == null || offered.isBlank()) {
            return new Malformed(Problem.BLANK);
        }
        if (offered.length() > MAX_LENGTH) {
            return new Malformed(Problem.TOO_LONG);
        }
        if (!printable(offered)) {
            return new Malformed(Problem.BAD_CHARACTER);
        }
        String[] f = offered.split("\\|", -1);
        if (f.length > FIELDS) {
            return new Malformed(Problem.TOO_MANY_FIELDS);
        }
        if (f[0].isBlank()) {
            return new Malformed(Problem.NO_KIND);
        }
        return new Ok(new SubProtocol(f[0].strip(), field(f, 1), field(f, 2), field(f, 3), field(f, 4)));
    }

    /** Whether this connection registers the token (and is asked for its port). */
    public boolean isIo() {
        return IO.equals(kind);
    }

    /** The port field as a number 1..65535, if it is one. */
    public OptionalInt portNumber() {
        try {
            int p = Integer.parseInt(port.strip());
            return p >= 1 && p <= 65535 ? OptionalInt.of(p) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** As offered in the {@code Sec-WebSocket-Protocol} header. */
    public String format() {
        return String.join("|", kind, version, clientId, host, port);
    }

    @Override
    public String toString() {
        return format();
    }

    private static String field(String[] fields, int i) {
        return i < fields.length ? fields[i].strip() : "";
    }

    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }
}
