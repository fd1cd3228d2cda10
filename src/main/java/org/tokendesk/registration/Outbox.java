package org.tokendesk.registration;

import java.util.ArrayList;
import java.util.List;

import org.tokendesk.token.Token;

/**
 * One token's log lines and snapshots on their way to the listeners: queued while the session's
 * monitor is held, delivered after it is left, in the order they were queued.
 */
final class Outbox {
    private final Token token;
    private final Listeners listeners;
    /** Serialises delivery, so listeners see one token's changes in order. */
    private final Object delivery = new Object();
    /** Null when empty, which it is most of the time for most tokens. */
    private List<Object> pending;

    Outbox(Token token, Listeners listeners) {
        this.token = token;
        this.listeners = listeners;
    }

    synchronized void queue(KeptToken snapshot) {
        add(snapshot);
    }

    synchronized void queue(LogEntry entry) {
        add(entry);
    }

    private void add(Object notice) {
        if (pending == null) {
            pending = new ArrayList<>(4);
        }
        pending.add(notice);
    }

    private synchronized List<Object> drain() {
        List<Object> out = pending;
        pending = null;
        return out;
    }

    /** Delivers what is queued, unless the caller still holds {@code owner}: then the caller's own delivery will. */
    void deliver(Object owner) {
        if (Thread.holdsLock(owner)) {
            return;
        }
        synchronized (delivery) {
            List<Object> out = drain();
            if (out == null) {
                return;
            }
            for (Object notice : out) {
                if (notice instanceof KeptToken k) {
                    listeners.changed(k);
                } else {
                    listeners.logged(token, (LogEntry) notice);
                }
            }
        }
    }
}
