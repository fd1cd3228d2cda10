package org.tokendesk.ui;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.application.Platform;

/**
 * Hands work from network threads to the JavaFX thread in batches: 10,000 lookups finishing
 * together become a few runLater calls, not 10,000, so the table stays fluid.
 */
public final class FxQueue {
    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public void post(Runnable update) {
        pending.add(update);
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }

    /** At most this many updates per turn of the JavaFX thread, so that a frame can come in between. */
    public static final int BATCH = 1000;

    private void drain() {
        scheduled.set(false);
        int n = 0;
        for (Runnable r; n < BATCH && (r = pending.poll()) != null; n++) {
            r.run();
        }
        if (!pending.isEmpty() && scheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }
}
