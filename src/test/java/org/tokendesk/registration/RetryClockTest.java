package org.tokendesk.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RetryClockTest {
    final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60), new SplittableRandom(3));
    final RetryClock clock = new RetryClock(backoff, Duration.ofSeconds(1));
    Instant now = Instant.parse("2026-12-04T00:00:00Z");

    /** Fails {@code n} times in a row, {@code gap} apart; returns the last retry. */
    RetryClock.Retry fail(int n, Duration gap) {
        RetryClock.Retry last = null;
        for (int i = 0; i < n; i++) {
            now = now.plus(gap);
            last = clock.failed(now);
        }
        return last;
    }

    @Test
    void aReconnectThatHeldEndsTheOutageSoTheNextStartsAfresh() {
        for (int outage = 0; outage < 10; outage++) {
            RetryClock.Retry first = fail(1, Duration.ZERO);
            assertEquals(1, first.attempt(), "outage " + outage);
            assertTrue(first.delay().compareTo(Duration.ofMillis(500)) < 0, first.toString());
            fail(5, Duration.ofSeconds(2));
            now = now.plusSeconds(1);
            clock.online(now);
            now = now.plusSeconds(2);
        }
    }

    @Test
    void aRegistryThatDropsAtOnceMeetsAGrowingBackoff() {
        RetryClock.Retry last = null;
        for (int i = 0; i < 8; i++) {
            now = now.plusSeconds(5);
            clock.online(now);
            now = now.plusMillis(100);
            last = clock.failed(now);
        }
        assertEquals(8, last.attempt());
        assertEquals(Duration.ofSeconds(60), backoff.window(last.attempt()));
        assertEquals(8, clock.attempt());
    }

    @Test
    void theUserActingStartsFromNothing() {
        fail(6, Duration.ofSeconds(1));
        clock.reset();
        assertEquals(0, clock.attempt());
        assertEquals(1, fail(1, Duration.ZERO).attempt());
    }
}
