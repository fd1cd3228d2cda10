package org.tokendesk.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tokendesk.history.History;
import org.tokendesk.history.Observed;
import org.tokendesk.history.Retention;
import org.tokendesk.store.AppHome;

/**
 * {@code check} keeps what it found in the history the window shows ({@code TOKENDESK_HISTORY=off} skips it).
 * Opened before the lookups start: the history thread opens the file (a cold SQLite start, most of a
 * second on a busy machine) while they run, instead of after them.
 */
final class CheckHistory implements AutoCloseable {
    static final String OFF_VARIABLE = "TOKENDESK_HISTORY";

    private final Optional<History> history;

    private CheckHistory(Optional<History> history) {
        this.history = history;
    }

    static boolean enabled(Map<String, String> env) {
        return !"off".equalsIgnoreCase(env.getOrDefault(OFF_VARIABLE, ""));
    }

    static CheckHistory open(Map<String, String> env) {
        return new CheckHistory(enabled(env)
                ? Optional.of(new History(History.fileIn(AppHome.resolve(env)), Retention.DEFAULT, "check", Clock.systemUTC()))
                : Optional.empty());
    }

    void record(List<CheckCommand.Row> rows) {
        history.ifPresent(h -> {
            // Stamped inside the run the history started, so the timeline counts them (a few hundred ms late at most).
            Instant now = Instant.now();
            for (CheckCommand.Row row : rows) {
                h.record(Observed.lookup(row.token(), row.registry(), row.lookup(), now));
                row.probe().ifPresent(report -> h.record(Observed.probe(row.token(), row.registry(), report, now)));
            }
        });
    }

    /** Writes what was recorded and closes the file. */
    @Override
    public void close() {
        history.ifPresent(History::close);
    }
}
