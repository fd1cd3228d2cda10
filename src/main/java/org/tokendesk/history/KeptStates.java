package org.tokendesk.history;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.tokendesk.registration.KeepOnline;
import org.tokendesk.registration.KeptToken;
import org.tokendesk.token.Token;

/**
 * Hears the keep-online engine and passes on each change of a token's state, not every update of the
 * same state (answered port queries and pings are not history), nor the "off" a token starts in. The
 * window and {@code tokendesk keep-online} record through it alike. Called on the engine's threads:
 * {@code record} must not block ({@link History#record} only queues).
 */
public final class KeptStates implements KeepOnline.Listener {
    private final Consumer<Observed> record;
    private final Clock clock;
    private final Map<Token, StateKind> last = new ConcurrentHashMap<>();

    public KeptStates(Consumer<Observed> record, Clock clock) {
        this.record = record;
        this.clock = clock;
    }

    @Override
    public void changed(KeptToken status) {
        StateKind kind = Observed.kindOf(status.state());
        StateKind before = last.put(status.token(), kind);
        if (kind != before && !(before == null && kind == StateKind.OFF)) {
            record.accept(Observed.registration(status.token(), status.registry(), status.state(), clock.instant()));
        }
    }
}
