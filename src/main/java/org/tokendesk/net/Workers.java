package org.tokendesk.net;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads for network work: daemons, so that they never keep the app running, named for thread dumps. */
public final class Workers {
    private Workers() {
    }

    /** At most {@code threads} tasks at once, the rest wait their turn; idle threads leave after 30 s. */
    public static ThreadPoolExecutor bounded(String name, int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * The app's pool for blocking I/O that is not network traffic: the keyring (D-Bus, maybe an
     * unlock prompt), file reads and writes, {@code gsettings}. Bounded and named, unlike the common
     * ForkJoinPool, whose few threads the JavaFX side would otherwise share with everything else.
     */
    public static ThreadPoolExecutor blockingIo() {
        return bounded("blocking-io", 4);
    }

    /** Daemon threads named {@code name-1}, {@code name-2}, … */
    public static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
