package org.tokendesk.update;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * The update check as the window uses it: asks once, then checks at most once a day while the
 * user wants it and the build allows it. Blocking: call it off the JavaFX thread.
 */
public final class UpdateService {
    private final UpdatePreferencesStore store;
    private final UpdatePolicy policy;
    private final UpdateChecker checker;
    private final Clock clock;

    public UpdateService(UpdatePreferencesStore store, UpdatePolicy policy, UpdateChecker checker, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.checker = checker;
        this.clock = clock;
    }

    public UpdatePolicy policy() {
        return policy;
    }

    public synchronized UpdatePreferences preferences() {
        return store.load();
    }

    public synchronized UpdatePreferences.Next next() {
        return store.load().next(policy, clock.instant());
    }

    /** The user's answer to the one-time question, or the Settings switch. */
    public synchronized void setEnabled(boolean enabled) throws IOException {
        store.save(store.load().answered(enabled));
    }

    /** Checks when due; the time is saved first, so a failing feed is asked once a day, not at every start. */
    public Optional<UpdateCheck> checkIfDue(ReleaseVersion current) throws IOException {
        synchronized (this) {
            UpdatePreferences now = store.load();
            if (now.next(policy, clock.instant()) != UpdatePreferences.Next.CHECK) {
                return Optional.empty();
            }
            store.save(now.checkedAt(clock.instant()));
        }
        return Optional.of(checker.check(current));
    }
}
