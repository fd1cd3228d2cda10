package org.tokendesk.registration;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * When things happen to one {@link TokenSession}, not what happens: the wait before the next
 * connection attempt, the heartbeat (a ping every interval; two intervals without a sign of life
 * mean the link is half-open) and one-off delays, on the engine's shared timer pool.
 *
 * <p>Guarded by the session's monitor: every method is called with it held, and every task runs
 * with it held and then hands the session's queued notices to the listeners, outside it. A task
 * decides for itself whether it is still current (the session's generation).
 */
final class SessionTimers {
    /** What a heartbeat tick found. */
    enum Beat {
        /** The link showed life since the last ping (or missed only one): ping again. */
        PING,
        /** Two intervals without a pong or a frame. */
        HALF_OPEN
    }

    private static final int MISSED_PONGS_FOR_HALF_OPEN = 2;

    private final TokenSession session;
    private final ScheduledExecutorService pool;
    private final Duration pingInterval;
    private ScheduledFuture<?> retry;
    private ScheduledFuture<?> heartbeat;
    private boolean heardSinceLastPing;
    private int missedPongs;

    SessionTimers(TokenSession session, ScheduledExecutorService pool, Duration pingInterval) {
        this.session = session;
        this.pool = pool;
        this.pingInterval = pingInterval;
    }

    /** Runs {@code task} once after {@code delay}: the next connection attempt. */
    void retryAfter(Duration delay, Runnable task) {
        cancel(retry);
        retry = pool.schedule(locked(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Starts the heartbeat of a link that just opened: {@code tick} every ping interval, the first one interval from now. */
    void startHeartbeat(Runnable tick) {
        cancel(heartbeat);
        heardSinceLastPing = true;
        missedPongs = 0;
        long every = pingInterval.toNanos();
        heartbeat = pool.scheduleAtFixedRate(locked(tick), every, every, TimeUnit.NANOSECONDS);
    }

    /** A pong, or any frame: the link is alive. */
    void heard() {
        heardSinceLastPing = true;
    }

    /** One heartbeat tick: whether to ping again or give the link up. */
    Beat beat() {
        missedPongs = heardSinceLastPing ? 0 : missedPongs + 1;
        if (missedPongs >= MISSED_PONGS_FOR_HALF_OPEN) {
            return Beat.HALF_OPEN;
        }
        heardSinceLastPing = false;
        return Beat.PING;
    }

    /** How long a half-open link went without a pong, for the log. */
    Duration halfOpenAfter() {
        return pingInterval.multipliedBy(MISSED_PONGS_FOR_HALF_OPEN);
    }

    void stopHeartbeat() {
        cancel(heartbeat);
        heartbeat = null;
    }

    /** Cancels the pending retry and the heartbeat (a new connection, switched off, quitting). */
    void cancelAll() {
        cancel(retry);
        retry = null;
        stopHeartbeat();
    }

    /** Runs {@code task} once after {@code delay}, not cancelled by {@link #cancelAll}: it checks its generation itself. */
    void later(Duration delay, Runnable task) {
        pool.schedule(locked(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private Runnable locked(Runnable task) {
        return () -> {
            synchronized (session) {
                task.run();
            }
            session.deliver();
        };
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
