package org.tokendesk.net;

import java.time.Duration;

/** Latencies from {@link System#nanoTime()}, which wall-clock changes do not bend. */
public final class Elapsed {
    private Elapsed() {
    }

    public static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
