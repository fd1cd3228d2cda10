package org.tokendesk.discovery;

import java.time.Duration;

import org.tokendesk.net.FailureKind;
import org.tokendesk.net.Hosts;

/** What a registry said about a token. Every outcome carries how long the lookup took. */
public sealed interface Lookup {
    Duration latency();

    /** The registry hands out {@code host:port}, and its own TCP test of that address passed. */
    record Resolved(String host, int port, Duration latency) implements Lookup {
        public String address() {
            return Hosts.hostPort(host, port);
        }
    }

    /**
     * The token is registered, but the registry could not open a TCP connection to the service
     * (it answers host {@code 127.0.0.1}): port not forwarded, firewall, or nothing listening.
     * {@code publicIp} is the registrant's address as the registry saw it, when it said.
     */
    record Unreachable(String publicIp, int port, Duration latency) implements Lookup {
    }

    /** The registry does not know the token: a 4xx answer, or {@code 0.0.0.0} / port 0. */
    record NotRegistered(int status, Duration latency) implements Lookup {
    }

    /** The lookup did not get a usable answer. {@code detail} is technical and never holds the token. */
    record Failed(Failure failure, String detail, Duration latency) implements Lookup {
        /** The {@code detail} of a TLS failure whose cause is that no trusted root vouches for the registry's certificate. */
        public static final String UNTRUSTED_CERTIFICATE = "certificate not trusted";

        public static Failed untrustedCertificate(Duration latency) {
            return new Failed(Failure.TLS, UNTRUSTED_CERTIFICATE, latency);
        }

        /** Self-signed, a private CA, an intercepting proxy: said in plain words instead of PKIX jargon. */
        public boolean untrusted() {
            return failure == Failure.TLS && UNTRUSTED_CERTIFICATE.equals(detail);
        }
    }

    enum Failure {
        /** Connection refused or reset, network unreachable. */
        CANNOT_CONNECT,
        /** The registry's host name does not resolve. */
        DNS,
        /** Handshake or certificate failure. */
        TLS,
        /** No answer within the time limits. */
        TIMEOUT,
        /** A status that is neither success nor "not registered" (5xx, 3xx we do not follow, 1xx). */
        HTTP_STATUS,
        /** A success without a usable host and port, or not JSON. */
        MALFORMED,
        /** The answer is larger than any real one. */
        TOO_LARGE,
        /** A redirect to another host or from https to plain http. */
        REDIRECT,
        /** 400, 401 or 403: the registry refuses to answer us (credentials, a proxy, a bad request), which says nothing of the token. */
        REFUSED,
        /** A header line or the header block beyond what any registry sends (OkHttp stops at 256 KiB). */
        HEADERS_TOO_LARGE,
        /** The answer broke HTTP in a way the HTTP library threw on (two informational answers, …). */
        BROKEN;

        /** A lookup that threw: refused, no route, reset and anything unnamed count as "cannot connect". */
        public static Failure of(FailureKind kind) {
            return switch (kind) {
                case DNS -> DNS;
                case TLS -> TLS;
                case TIMEOUT -> TIMEOUT;
                case REFUSED, NO_ROUTE, RESET, OTHER -> CANNOT_CONNECT;
            };
        }
    }
}
