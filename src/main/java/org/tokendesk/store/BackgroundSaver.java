package org.tokendesk.store;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Saves off the caller's thread. Snapshots that arrive while a write is under way collapse into
 * one: only the newest is written, so typing a label does not queue a write per keystroke. A
 * snapshot that fails (disk full, read-only folder) is tried again later, so nothing is lost
 * when the user changes nothing more.
 */
public final class BackgroundSaver<T> implements AutoCloseable {
    /** Writes one snapshot; may throw. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(T snapshot) throws IOException;
    }

    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final Writer<T> writer;
    private final Consumer<IOException> onFailure;
    private final Duration retryAfter;
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "saver");
        t.setDaemon(false); // a save in progress must finish before the JVM exits
        return t;
    });

    public BackgroundSaver(Writer<T> writer, Consumer<IOException> onFailure) {
        this(writer, onFailure, RETRY_AFTER);
    }

    BackgroundSaver(Writer<T> writer, Consumer<IOException> onFailure, Duration retryAfter) {
        this.writer = writer;
        this.onFailure = onFailure;
        this.retryAfter = retryAfter;
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
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
            // Unless a newer snapshot arrived meanwhile (it is queued already), try this one again later.
            if (latest.compareAndSet(null, snapshot)) {
                try {
                    thread.schedule(this::writeLatest, retryAfter.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closed) {
                    // Closing: close() made the last attempt.
                }
            }
        }
    }

    /** Writes what is pending and stops; waits at most a few seconds. */
    @Override
    public void close() {
        try {
            // A snapshot waiting for its retry gets one last try now.
            thread.execute(this::writeLatest);
        } catch (RejectedExecutionException e) {
            // closed already
        }
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
