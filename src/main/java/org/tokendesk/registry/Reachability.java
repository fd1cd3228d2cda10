package org.tokendesk.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.tokendesk.net.Workers;

/**
 * Tests host:port with a TCP connect, as the public registry does before answering, but only to
 * report it (status JSON, the window): the answer itself is never rewritten. Results are kept per
 * registrant for a while; tests run on a small bounded pool, and a full queue skips a test.
 */
final class Reachability implements AutoCloseable {
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(256), Workers.daemon("registry-reach"), new ThreadPoolExecutor.DiscardPolicy());
    private final Duration timeout;
    private final Duration every;
    private final Clock clock;

    Reachability(Duration timeout, Duration every, Clock clock) {
        this.timeout = timeout;
        this.every = every;
        this.clock = clock;
        pool.allowCoreThreadTimeOut(true);
    }

    /** Tests the registrant's handed-out address unless a recent test of the same host:port stands. */
    void checkSoon(Registrant registrant, int port, Consumer<Reach> done) {
        String host = registrant.host();
        Reach known = registrant.reach();
        Instant now = clock.instant();
        if (known instanceof Reach.Reachable r && r.host().equals(host) && r.port() == port && r.checked().plus(every).isAfter(now)) {
            return;
        }
        if (known instanceof Reach.Unreachable u && u.host().equals(host) && u.port() == port && u.checked().plus(every).isAfter(now)) {
            return;
        }
        if (!registrant.startReachTest()) {
            return;
        }
        try {
            pool.execute(() -> {
                Reach reach = test(host, port);
                registrant.reach(reach);
                done.accept(reach);
            });
        } catch (RejectedExecutionException e) {
            // Closing: nothing to report.
        }
    }

    private Reach test(String host, int port) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return new Reach.Reachable(host, port, clock.instant(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Reach.Unreachable(host, port, clock.instant(), why);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
