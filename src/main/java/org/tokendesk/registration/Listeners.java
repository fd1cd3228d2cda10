package org.tokendesk.registration;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tokendesk.net.Workers;
import org.tokendesk.registration.LogEntry.Event;
import org.tokendesk.token.Token;

/** Fans snapshots and log lines out to the listeners and the app's log file. Never called under a token's lock. */
final class Listeners {
    private static final Logger LOG = Logger.getLogger(KeepOnline.class.getName());
    /**
     * The log file and the console are written on a thread of their own: delivery may run on the
     * JavaFX thread (the user switched a token on), which must not wait for a handler's lock or a
     * full disk. Bounded: under a flood the oldest-waiting lines are kept and new ones dropped.
     */
    private static final ThreadPoolExecutor WRITER = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), Workers.daemon("keep-online-log"), new ThreadPoolExecutor.DiscardPolicy());

    static {
        WRITER.allowCoreThreadTimeOut(true);
    }

    private final List<KeepOnline.Listener> listeners = new CopyOnWriteArrayList<>();

    Runnable add(KeepOnline.Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void changed(KeptToken snapshot) {
        for (KeepOnline.Listener listener : listeners) {
            try {
                listener.changed(snapshot);
            } catch (RuntimeException e) {
                // A broken listener must not break the registration.
            }
        }
    }

    void logged(Token token, LogEntry entry) {
        // The app's log file keeps what the window's event list forgets; the token is masked here too.
        Event event = entry.event();
        Level level = event == Event.QUERIED || event == Event.ANSWERED ? Level.FINE : Level.INFO;
        if (LOG.isLoggable(level)) {
            String line = token.masked() + " " + event + (entry.detail().isEmpty() ? "" : ": " + entry.detail());
            WRITER.execute(() -> LOG.log(level, line));
        }
        for (KeepOnline.Listener listener : listeners) {
            try {
                listener.logged(token, entry);
            } catch (RuntimeException e) {
                // As above.
            }
        }
    }
}
