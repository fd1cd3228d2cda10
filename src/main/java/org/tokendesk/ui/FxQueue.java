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

    private void drain() {
        scheduled.set(false);
        for (Runnable r; (r = pending.poll()) != null; ) {
            r.run();
        }
    }
}
