package org.tokendesk.history;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.token.Token;

/**
 * Seven days of a token's history, written through the real store: a check and a probe every five
 * minutes; two hours not registered five days ago, forty minutes not serving a day ago, and six hours
 * three days ago when TokenDesk was not running. For the view's test, its benchmark note and the screenshot.
 */
public final class SimulatedWeek {
    private SimulatedWeek() {
    }

    /** Returns the events written. */
    public static int seed(Path file, Token token, Registry registry, Instant now) throws Exception {
        Instant start = now.minus(Duration.ofDays(7));
        Instant gapFrom = now.minus(Duration.ofDays(3));
        Instant gapTo = gapFrom.plus(Duration.ofHours(6));
        Instant outageFrom = now.minus(Duration.ofDays(5));
        Instant outageTo = outageFrom.plus(Duration.ofHours(2));
        Instant idleFrom = now.minus(Duration.ofDays(1));
        Instant idleTo = idleFrom.plus(Duration.ofMinutes(40));
        int written = 0;
        for (Instant[] run : new Instant[][] {{start, gapFrom}, {gapTo, now.minusSeconds(60)}}) {
            HistoryOpen open = HistoryStore.open(file, Retention.DEFAULT, "window", run[0]);
            if (!(open instanceof HistoryOpen.Opened opened)) {
                throw new IllegalStateException("history did not open: " + open);
            }
            try (HistoryStore store = opened.store()) {
                List<Observed> batch = new ArrayList<>();
                for (Instant at = run[0]; at.isBefore(run[1]); at = at.plus(Duration.ofMinutes(5))) {
                    boolean down = !at.isBefore(outageFrom) && at.isBefore(outageTo);
                    Lookup lookup = down ? new Lookup.NotRegistered(404, Duration.ofMillis(30))
                            : new Lookup.Resolved("203.0.113.7", 8788, Duration.ofMillis(35 + at.getEpochSecond() % 20));
                    batch.add(Observed.lookup(token, registry, lookup, at));
                    if (!down) {
                        boolean idle = !at.isBefore(idleFrom) && at.isBefore(idleTo);
                        batch.add(new Observed(token, new Event(at.plusMillis(200), registry.baseUrl().toString(), Source.PROBE,
                                idle ? StateKind.NOT_SERVING : StateKind.SERVING, "203.0.113.7:8788", Optional.of(Duration.ofMillis(60)))));
                    }
                }
                store.write(batch, run[1]);
                store.stop(run[1]);
                written += batch.size();
            }
        }
        return written;
    }
}
