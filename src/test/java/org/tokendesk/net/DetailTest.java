package org.tokendesk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class DetailTest {

    @Test
    void shortensToOneBoundedLine() {
        assertEquals("abc", Detail.shorten("abc", 3));
        assertEquals("ab…", Detail.shorten("abc", 2));
        assertEquals("a b c", Detail.shorten("a\nb\tc", 10));
        assertEquals("", Detail.shorten(null, 5));
    }

    @Test
    void anExceptionsWordsOrItsName() {
        assertEquals("broken pipe", Detail.of(new IOException("broken pipe"), 50));
        assertEquals("IOException", Detail.of(new IOException(), 50));
        assertEquals("IOException", Detail.of(new IOException("  "), 50));
        assertEquals("brok…", Detail.of(new IOException("broken pipe"), 4));
    }

    @Test
    void elapsedCountsFromTheStart() {
        long start = System.nanoTime() - Duration.ofSeconds(2).toNanos();
        Duration took = Elapsed.since(start);
        assertEquals(2, took.toSeconds(), took.toString());
    }
}
