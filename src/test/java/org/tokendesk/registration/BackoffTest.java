package org.tokendesk.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BackoffTest {
    final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60), new SplittableRandom(7));

    @Test
    void theWindowDoublesFromTheBaseUpToTheCap() {
        assertEquals(Duration.ofMillis(500), backoff.window(1));
        assertEquals(Duration.ofMillis(1000), backoff.window(2));
        assertEquals(Duration.ofMillis(4000), backoff.window(4));
        assertEquals(Duration.ofSeconds(60), backoff.window(8));
        assertEquals(Duration.ofSeconds(60), backoff.window(1000));
    }

    @Test
    void delaysAreSpreadOverTheWholeWindowNotBunchedAtItsEnd() {
        long below100 = 0;
        for (int i = 0; i < 1000; i++) {
            Duration d = backoff.delay(1);
            assertTrue(!d.isNegative() && d.compareTo(Duration.ofMillis(500)) < 0, d.toString());
            if (d.toMillis() < 100) {
                below100++;
            }
        }
        // Uniform over [0, 500 ms): about a fifth land in the first 100 ms.
        assertTrue(below100 > 120 && below100 < 280, "first-fifth share " + below100);
    }

    @Test
    void aShortOutageKeepsTheWindowNoWiderThanTheOutage() {
        Duration longestAtZero = Duration.ZERO;
        for (int i = 0; i < 1000; i++) {
            Duration d = backoff.delay(6, Duration.ofMillis(1200));
            assertTrue(d.compareTo(Duration.ofMillis(1200)) < 0, d.toString());
            Duration atZero = backoff.delay(3, Duration.ZERO);
            assertTrue(atZero.compareTo(Duration.ofMillis(500)) < 0, atZero.toString());
            longestAtZero = atZero.compareTo(longestAtZero) > 0 ? atZero : longestAtZero;
        }
        // The floor: an outage of zero still waits within the whole base window, not within zero.
        assertTrue(longestAtZero.compareTo(Duration.ofMillis(400)) > 0, "never below the base window: longest " + longestAtZero);
    }
}
