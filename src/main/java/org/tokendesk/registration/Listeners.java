package org.tokendesk.registration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tokendesk.registration.LogEntry.Event;
import org.tokendesk.token.Token;

/** Fans snapshots and log lines out to the listeners and the app's log file. Never called under a token's lock. */
final class Listeners {
    private static final Logger LOG = Logger.getLogger(KeepOnline.class.getName());

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
        LOG.log(event == Event.QUERIED || event == Event.ANSWERED ? Level.FINE : Level.INFO,
                () -> token.masked() + " " + event + (entry.detail().isEmpty() ? "" : ": " + entry.detail()));
        for (KeepOnline.Listener listener : listeners) {
            try {
                listener.logged(token, entry);
            } catch (RuntimeException e) {
                // As above.
            }
        }
    }
}
