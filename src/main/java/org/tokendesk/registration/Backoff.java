package org.tokendesk.registration;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the n-th retry in a row waits a uniformly random time in
 * [0, min(cap, base × 2^(n-1))). Random spread, not a fixed ladder, is what keeps 500 tokens from
 * reconnecting to a restarted registry in one burst.
 */
public final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** The upper bound of the wait before retry number {@code attempt} (1 = first retry). */
    public Duration window(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        long nanos = base.toNanos();
        long capNanos = cap.toNanos();
        for (int i = 0; i < doublings && nanos < capNanos; i++) {
            nanos *= 2;
        }
        return Duration.ofNanos(Math.min(nanos, capNanos));
    }

    /** A random wait within {@link #window(int)}. */
    public Duration delay(int attempt) {
        return delay(attempt, cap);
    }

    /**
     * A random wait within {@link #window(int)}, but never in a window wider than {@code outage}
     * (how long the connection has been failing, at least the base). A token that failed several
     * times quickly in a short outage would otherwise sit out a window far longer than the outage.
     */
    public Duration delay(int attempt, Duration outage) {
        long bound = Math.min(window(attempt).toNanos(), Math.max(base.toNanos(), outage.toNanos()));
        return Duration.ofNanos(bound <= 0 ? 0 : random.nextLong(bound));
    }
}
