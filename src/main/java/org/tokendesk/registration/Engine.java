package org.tokendesk.registration;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/**
 * What every token's session shares: the clock and backoff, the sockets, the threads, the
 * checks and the listeners. Wired once by {@link KeepOnline}.
 *
 * @param strays links that opened after they stopped being wanted: closing, awaited on quit
 */
record Engine(Timing timing, Clock clock, Backoff backoff, String clientId, RegistrySockets sockets,
              ScheduledExecutorService timers, ExecutorService connects, RoundTrip roundTrip, Listeners listeners,
              Set<RegistryLink> strays, BooleanSupplier closed) {
    boolean isClosed() {
        return closed.getAsBoolean();
    }
}
