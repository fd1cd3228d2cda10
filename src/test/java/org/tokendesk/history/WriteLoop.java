package org.tokendesk.history;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.token.Token;

/**
 * The child process of {@link KilledWhileWritingTest}: records events through {@link History} as the
 * app does, in batches of {@link #BATCH}; every event of batch {@code b} has a latency of {@code b} ms,
 * so the parent can find each batch in the file. After each {@code sync} it prints
 * {@code committed <b>}, until it is killed (bounded at 60 s in case nobody does).
 */
public final class WriteLoop {
    static final int BATCH = 100;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Token token = Token.of(args[1]);
        long batch = Long.parseLong(args[2]);
        History history = new History(file, Retention.DEFAULT, "window", Clock.systemUTC());
        System.out.println("ready");
        System.out.flush();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < BATCH; i++) {
                history.record(Observed.lookup(token, Registry.CHATIE,
                        new Lookup.Resolved("203.0.113.7", 8788, Duration.ofMillis(batch)), Instant.now()));
            }
            history.sync();
            System.out.println("committed " + batch);
            System.out.flush();
            batch++;
        }
        history.close();
    }
}
