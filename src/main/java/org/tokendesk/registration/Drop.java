package org.tokendesk.registration;

import org.tokendesk.net.FailureKind;

/**
 * Why a registration attempt failed or a live connection ended. {@code detail} is technical
 * (an exception message, a close reason) and never holds the token.
 */
public record Drop(Cause cause, String detail) {
    public Drop {
        detail = detail == null ? "" : detail;
    }

    public enum Cause {
        /** Refused, reset or unreachable: nothing answers at the registry's address. */
        CANNOT_CONNECT,
        /** The registry's host name does not resolve. */
        DNS,
        /** The secure (wss) handshake failed. */
        TLS,
        /** The upgrade did not complete within the handshake timeout. */
        TIMEOUT,
        /** The registry answered the upgrade with an HTTP status other than 101 (and not 401/403). */
        HTTP_STATUS,
        /** The registry closed the connection (close frame or lost TCP connection). */
        CLOSED,
        /** Two ping intervals without a pong: the connection is half-open. */
        NO_PONG,
        /** A frame larger than the limit arrived; the connection was closed. */
        TOO_LARGE,
        /** Anything else. */
        OTHER;

        /** A connection attempt that threw. */
        public static Cause of(FailureKind kind) {
            return switch (kind) {
                case DNS -> DNS;
                case TLS -> TLS;
                case TIMEOUT -> TIMEOUT;
                case REFUSED, NO_ROUTE, RESET -> CANNOT_CONNECT;
                case OTHER -> OTHER;
            };
        }
    }
}
