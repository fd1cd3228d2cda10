package org.tokendesk.history;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.token.Token;

/**
 * The child process of {@link KilledWhileWritingTest}: records events through {@link History} as the
 * app does, and after each {@code sync} prints how many are on disk, until it is killed (bounded
 * at 60 s in case nobody does).
 */
public final class WriteLoop {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Token token = Token.of(args[1]);
        History history = new History(file, Retention.DEFAULT, "window", Clock.systemUTC());
        long written = 0;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 100; i++) {
                history.record(Observed.lookup(token, Registry.CHATIE,
                        new Lookup.Resolved("203.0.113.7", 8788, java.time.Duration.ofMillis(i)), Instant.now()));
            }
            history.sync();
            written += 100;
            System.out.println("synced " + written + " " + UUID.randomUUID());
            System.out.flush();
        }
        history.close();
    }
}
