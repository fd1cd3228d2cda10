package org.tokendesk.ui.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import org.tokendesk.history.CheckSchedule;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/**
 * Checks tokens on the settings' schedule while the app runs, window shown or not. A timer thread
 * decides what is due and hands the run to the JavaFX thread, where it takes the very path of the
 * window's Check (so results land in the rows and, through {@link HistoryRecording}, in the history);
 * the lookup pool bounds how many run at once. A run still going when the next is due makes that one skipped.
 */
public final class ScheduledChecks implements AutoCloseable {
    /** How often the timer looks at the clock: a fraction of the shortest schedule (a minute). */
    public static final Duration TICK = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(ScheduledChecks.class.getName());

    private final TokenListModel model;
    private final ScheduledExecutorService timer;
    private final ScheduledFuture<?> ticking;
    private final Executor fx;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile CheckSchedule schedule;
    /** Touched on the timer thread only. */
    private Instant lastAll;
    private Instant lastKeptOnline;

    /**
     * @param timer a single thread of the caller's, shut down by it (at quit)
     * @param fx    runs a task on the JavaFX thread ({@code Platform::runLater})
     */
    public ScheduledChecks(TokenListModel model, CheckSchedule schedule, ScheduledExecutorService timer, Executor fx,
                           Clock clock, Duration tick) {
        this.model = model;
        this.schedule = schedule;
        this.timer = timer;
        this.fx = fx;
        this.clock = clock;
        // The window checks everything as it opens: the schedule counts from there.
        this.lastAll = clock.instant();
        this.lastKeptOnline = lastAll;
        this.ticking = timer.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A changed schedule counts from now: turning it on checks after the first interval, not at once. */
    public void use(CheckSchedule changed) {
        try {
            timer.execute(() -> {
                if (!changed.equals(schedule)) {
                    schedule = changed;
                    lastAll = clock.instant();
                    lastKeptOnline = lastAll;
                }
            });
        } catch (RejectedExecutionException e) {
            // Quitting: no more runs anyway.
        }
    }

    /** Runs started so far. */
    public long runs() {
        return runs.get();
    }

    /** Whether a run is under way (its lookups and probes not all shown yet). */
    public boolean isRunning() {
        return running.get();
    }

    /** Runs skipped because the one before was still going. */
    public long skipped() {
        return skipped.get();
    }

    void tick() {
        Instant now = clock.instant();
        CheckSchedule.Due due = schedule.due(lastAll, lastKeptOnline, now);
        if (due == CheckSchedule.Due.NOTHING) {
            return;
        }
        if (due == CheckSchedule.Due.ALL) {
            lastAll = now;
        }
        lastKeptOnline = now;
        if (!running.compareAndSet(false, true)) {
            skipped.incrementAndGet();
            LOG.info(() -> "scheduled check (" + due + ") skipped: the previous one is still going");
            return;
        }
        runs.incrementAndGet();
        try {
            fx.execute(() -> start(due));
        } catch (RuntimeException e) {
            // The JavaFX toolkit is gone (quitting).
            running.set(false);
        }
    }

    /** On the JavaFX thread. */
    private void start(CheckSchedule.Due due) {
        CompletableFuture<Void> done;
        try {
            List<TokenRow> rows = due == CheckSchedule.Due.ALL ? List.copyOf(model.rows())
                    : model.rows().stream().filter(TokenRow::keepOnline).toList();
            done = model.check(rows);
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
        done.whenComplete((v, e) -> running.set(false));
    }

    /** No more runs (the timer is the caller's); a run under way finishes on its own, its answers still reach the rows. */
    @Override
    public void close() {
        ticking.cancel(false);
    }
}
