package org.tokendesk.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.tokendesk.history.History;
import org.tokendesk.history.Observed;
import org.tokendesk.history.Retention;
import org.tokendesk.store.AppHome;

/** {@code check} keeps what it found in the history the window shows ({@code TOKENDESK_HISTORY=off} skips it). */
final class CheckHistory {
    static final String OFF_VARIABLE = "TOKENDESK_HISTORY";

    private CheckHistory() {
    }

    static boolean enabled(Map<String, String> env) {
        return !"off".equalsIgnoreCase(env.getOrDefault(OFF_VARIABLE, ""));
    }

    static void record(Map<String, String> env, List<CheckCommand.Row> rows) {
        if (!enabled(env) || rows.isEmpty()) {
            return;
        }
        try (History history = new History(History.fileIn(AppHome.resolve(env)), Retention.DEFAULT, "check", Clock.systemUTC())) {
            // Stamped inside the run the history just started, so the timeline counts them (a few hundred ms late at most).
            Instant now = Instant.now();
            for (CheckCommand.Row row : rows) {
                history.record(Observed.lookup(row.token(), row.registry(), row.lookup(), now));
                row.probe().ifPresent(report -> history.record(Observed.probe(row.token(), row.registry(), report, now)));
            }
        }
    }
}
