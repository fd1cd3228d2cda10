package org.tokendesk.store;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Saves off the caller's thread. Snapshots that arrive while a write is under way collapse into
 * one: only the newest is written, so typing a label does not queue a write per keystroke.
 */
public final class BackgroundSaver<T> implements AutoCloseable {
    /** Writes one snapshot; may throw. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(T snapshot) throws IOException;
    }

    private final Writer<T> writer;
    private final Consumer<IOException> onFailure;
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "saver");
        t.setDaemon(false); // a save in progress must finish before the JVM exits
        return t;
    });

    public BackgroundSaver(Writer<T> writer, Consumer<IOException> onFailure) {
        this.writer = writer;
        this.onFailure = onFailure;
    }

    public void save(T snapshot) {
        if (latest.getAndSet(snapshot) == null) {
            thread.execute(this::writeLatest);
        }
    }

    private void writeLatest() {
        T snapshot = latest.getAndSet(null);
        if (snapshot == null) {
            return;
        }
        try {
            writer.write(snapshot);
        } catch (IOException e) {
            onFailure.accept(e);
        }
    }

    /** Writes what is pending and stops; waits at most a few seconds. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until everything handed in so far is on disk (for tests and orderly shutdown). */
    public void flush() throws InterruptedException {
        try {
            thread.submit(() -> { }).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("save did not finish", e);
        }
    }
}
