package org.tokendesk.history;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tokendesk.store.AppHome;
import org.tokendesk.token.Token;

/**
 * Records events and answers queries on one background thread that owns the file. {@link #record}
 * never blocks (a full queue drops the event and counts it); the file is opened on that thread, the
 * first time it runs, so the caller (the JavaFX thread, the CLI) never waits for it.
 */
public final class History implements AutoCloseable {
    public static final String FILE_NAME = "history.db";
    static final int QUEUE = 10_000;
    static final int BATCH = 500;
    static final Duration FLUSH_AFTER = Duration.ofMillis(500);
    static final Duration HEARTBEAT = Duration.ofMinutes(1);
    static final Duration PRUNE_EVERY = Duration.ofHours(6);
    private static final Logger LOG = Logger.getLogger(History.class.getName());

    private final Clock clock;
    private final ScheduledExecutorService worker;
    private final BlockingQueue<Observed> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final CompletableFuture<HistoryOpen> opened;
    private volatile boolean closed;

    public History(Path file, Retention retention, String origin, Clock clock) {
        this.clock = clock;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tokendesk-history");
            t.setDaemon(true);
            return t;
        });
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.worker = pool;
        this.opened = CompletableFuture.supplyAsync(() -> HistoryStore.open(file, retention, origin, clock.instant()), worker);
        opened.thenAccept(open -> LOG.info(() -> "history: " + open.getClass().getSimpleName()));
        worker.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(this::prune, PRUNE_EVERY.toMillis(), PRUNE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The history file of this user: in the data folder, beside the logs folder ({@code TOKENDESK_HOME} when set). */
    public static Path fileIn(AppHome home) {
        return home.logs().getParent().resolve(FILE_NAME);
    }

    /** How opening went, once it has (the window tells the user when the file was set aside). */
    public CompletableFuture<HistoryOpen> opened() {
        return opened;
    }

    public void record(Observed event) {
        if (closed || !queue.offer(event)) {
            dropped.incrementAndGet();
            return;
        }
        if (flushScheduled.compareAndSet(false, true)) {
            worker.schedule(this::flush, FLUSH_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Events not recorded because the queue was full or the history closed. */
    public long dropped() {
        return dropped.get();
    }

    /** What the timeline needs for one token: its events and TokenDesk's runs from {@code from} to now. */
    public record TokenHistory(List<Event> events, List<Run> runs, Instant from, Instant to) {
    }

    /** Everything recorded so far counts, including what still waits in the queue. */
    public CompletableFuture<Optional<TokenHistory>> query(Token token, Instant from) {
        if (closed) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return CompletableFuture.supplyAsync(() -> {
            flush();
            return store().flatMap(s -> {
                Instant now = clock.instant();
                try {
                    return Optional.of(new TokenHistory(s.events(s.idOf(token), from, now), s.runs(from, now, now), from, now));
                } catch (SQLException e) {
                    LOG.log(Level.WARNING, "history query failed", e);
                    return Optional.empty();
                }
            });
        }, worker);
    }

    /** Uptime since {@code from} for each token (empty where nothing is known), in one task on the history thread. */
    public CompletableFuture<Map<Token, OptionalDouble>> uptimes(List<Token> tokens, Instant from) {
        if (closed) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return CompletableFuture.supplyAsync(() -> {
            flush();
            Map<Token, OptionalDouble> uptimes = new HashMap<>();
            store().ifPresent(s -> {
                Instant now = clock.instant();
                try {
                    List<Run> runs = s.runs(from, now, now);
                    for (Token token : tokens) {
                        uptimes.put(token, Timeline.of(s.events(s.idOf(token), from, now), runs, from, now).uptime());
                    }
                } catch (SQLException e) {
                    LOG.log(Level.WARNING, "history query failed", e);
                }
            });
            return uptimes;
        }, worker);
    }

    /** Writes what is queued now and waits for it; for the CLI before it prints, and for tests. */
    public void sync() {
        CompletableFuture.runAsync(this::flush, worker).join();
    }

    private Optional<HistoryStore> store() {
        HistoryOpen open = opened.join();
        if (open instanceof HistoryOpen.Opened o) {
            return Optional.of(o.store());
        }
        if (open instanceof HistoryOpen.StartedAfresh a) {
            return Optional.of(a.store());
        }
        return Optional.empty();
    }

    private void flush() {
        flushScheduled.set(false);
        Optional<HistoryStore> store = store();
        List<Observed> batch = new ArrayList<>(BATCH);
        while (queue.drainTo(batch, BATCH) > 0) {
            if (store.isPresent()) {
                try {
                    store.get().write(batch, clock.instant());
                } catch (SQLException e) {
                    dropped.addAndGet(batch.size());
                    LOG.log(Level.WARNING, "history write failed", e);
                }
            } else {
                dropped.addAndGet(batch.size());
            }
            batch.clear();
        }
    }

    private void heartbeat() {
        store().ifPresent(s -> {
            try {
                s.seen(clock.instant());
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "history heartbeat failed", e);
            }
        });
    }

    private void prune() {
        store().ifPresent(s -> {
            try {
                s.prune(clock.instant());
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "history pruning failed", e);
            }
        });
    }

    /** Writes what is queued, ends the run cleanly and closes the file. */
    @Override
    public void close() {
        closed = true;
        try {
            CompletableFuture.runAsync(() -> {
                flush();
                store().ifPresent(s -> {
                    try {
                        s.stop(clock.instant());
                        s.close();
                    } catch (SQLException e) {
                        LOG.log(Level.WARNING, "closing history failed", e);
                    }
                });
            }, worker).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing history timed out", e);
        } finally {
            worker.shutdownNow();
        }
    }
}
