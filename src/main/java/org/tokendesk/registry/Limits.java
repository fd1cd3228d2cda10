package org.tokendesk.registry;

import java.time.Duration;

/**
 * Every bound the registry keeps: what one frame may weigh, how many sockets it holds, how fast one
 * address may open them, how long a lookup waits for a registrant, and how it tells a dead link.
 *
 * @param maxFrameBytes     a bigger text message closes the socket (1009)
 * @param maxConnections    WebSocket registrants at once; upgrades beyond get 503
 * @param connectBurst      upgrades one address may make at once…
 * @param connectsPerSecond …and per second after that (429 beyond)
 * @param lookupWait        a lookup answers within this; the registrant's last valid port stands in when it is slower
 * @param askWait           how long a port question stays open in the background
 * @param pingInterval      the registry pings every registrant this often
 * @param missedPongs       a registrant silent for this many pings in a row is dropped
 * @param reachTimeout      the TCP test of a handed-out host:port
 * @param reachEvery        a host:port is tested again after this
 */
public record Limits(int maxFrameBytes, int maxConnections, int connectBurst, double connectsPerSecond,
                     Duration lookupWait, Duration askWait, Duration pingInterval, int missedPongs,
                     Duration reachTimeout, Duration reachEvery) {
    public static final Limits DEFAULT = new Limits(64 * 1024, 20_000, 200, 20,
            Duration.ofMillis(1000), Duration.ofSeconds(5), Duration.ofSeconds(10), 2,
            Duration.ofSeconds(1), Duration.ofMinutes(1));

    public Limits {
        if (maxFrameBytes < 1024 || maxConnections < 1 || connectBurst < 1 || connectsPerSecond <= 0 || missedPongs < 1) {
            throw new IllegalArgumentException("limits out of range");
        }
    }

    public Limits withConnections(int max, int burst, double perSecond) {
        return new Limits(maxFrameBytes, max, burst, perSecond, lookupWait, askWait, pingInterval, missedPongs, reachTimeout, reachEvery);
    }

    public Limits withPings(Duration interval, int missed) {
        return new Limits(maxFrameBytes, maxConnections, connectBurst, connectsPerSecond, lookupWait, askWait, interval, missed, reachTimeout, reachEvery);
    }

    public Limits withLookupWait(Duration wait) {
        return new Limits(maxFrameBytes, maxConnections, connectBurst, connectsPerSecond, wait, askWait, pingInterval, missedPongs, reachTimeout, reachEvery);
    }

    public Limits withMaxFrameBytes(int bytes) {
        return new Limits(bytes, maxConnections, connectBurst, connectsPerSecond, lookupWait, askWait, pingInterval, missedPongs, reachTimeout, reachEvery);
    }
}
