package org.tokendesk.registration;

import java.time.Duration;

/**
 * The clock of keep-online: how often to ping, how long a handshake may take, and how the wait
 * between reconnects grows. Injectable so tests run in milliseconds.
 *
 * @param pingInterval a ping every interval; two intervals without a pong means the link is dead
 * @param handshakeTimeout longest WebSocket upgrade (Tyrus waits 30 s by default)
 * @param backoffBase the first retry waits a random time below this
 * @param backoffCap no retry waits longer than this
 * @param stableAfter a connection that lasted this long ended the outage: the next drop starts the backoff
 *     (count and outage clock) afresh. Short (1 s), so every short registry outage is waited out on its
 *     own length; a registry that accepts and drops at once still meets a growing backoff
 * @param localCheckTimeout TCP connect to localhost:port
 */
public record Timing(Duration pingInterval, Duration handshakeTimeout, Duration backoffBase, Duration backoffCap,
                     Duration stableAfter, Duration localCheckTimeout) {
    public static final Timing DEFAULT = new Timing(Duration.ofSeconds(10), Duration.ofSeconds(4), Duration.ofMillis(500),
            Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofMillis(500));

    public Timing {
        if (pingInterval.isNegative() || pingInterval.isZero() || handshakeTimeout.isNegative() || handshakeTimeout.isZero()
                || backoffBase.isNegative() || backoffBase.isZero() || backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("bad timing: " + pingInterval + ", " + handshakeTimeout + ", " + backoffBase + ", " + backoffCap);
        }
    }

    public Timing withPingInterval(Duration interval) {
        return new Timing(interval, handshakeTimeout, backoffBase, backoffCap, stableAfter, localCheckTimeout);
    }

    public Timing withBackoff(Duration base, Duration cap) {
        return new Timing(pingInterval, handshakeTimeout, base, cap, stableAfter, localCheckTimeout);
    }

    public Timing withStableAfter(Duration stable) {
        return new Timing(pingInterval, handshakeTimeout, backoffBase, backoffCap, stable, localCheckTimeout);
    }

    public Timing withHandshakeTimeout(Duration timeout) {
        return new Timing(pingInterval, timeout, backoffBase, backoffCap, stableAfter, localCheckTimeout);
    }
}
