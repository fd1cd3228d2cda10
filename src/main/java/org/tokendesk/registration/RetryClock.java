package org.tokendesk.registration;

import java.time.Duration;
import java.time.Instant;

/**
 * When one token tries again: counts retries in a row and how long the connection has been
 * failing, and draws the next wait from {@link Backoff}. A connection that stayed up
 * {@link Timing#stableAfter()} ended the outage: the next drop starts afresh, so each short outage
 * is waited out on its own length, not on the sum of all since the first. One that drops sooner
 * (a registry that accepts and closes at once) keeps the count growing. Not thread-safe: the
 * session's monitor guards it.
 */
final class RetryClock {
    private final Backoff backoff;
    private final Duration stableAfter;
    private int attempt;
    private Instant onlineSince;
    private Instant failingSince;

    RetryClock(Backoff backoff, Duration stableAfter) {
        this.backoff = backoff;
        this.stableAfter = stableAfter;
    }

    /** The user acted (switched on again): start from nothing. */
    void reset() {
        attempt = 0;
        failingSince = null;
        onlineSince = null;
    }

    void online(Instant now) {
        onlineSince = now;
    }

    /** The retry number the next connection attempt makes (0 for the first). */
    int attempt() {
        return attempt;
    }

    /** A connection failed or dropped at {@code now}: the retry number and the wait before it. */
    Retry failed(Instant now) {
        if (onlineSince != null && Duration.between(onlineSince, now).compareTo(stableAfter) >= 0) {
            attempt = 0;
        }
        onlineSince = null;
        if (attempt == 0 || failingSince == null) {
            failingSince = now;
        }
        attempt++;
        return new Retry(attempt, backoff.delay(attempt, Duration.between(failingSince, now)));
    }

    record Retry(int attempt, Duration delay) {
    }
}
