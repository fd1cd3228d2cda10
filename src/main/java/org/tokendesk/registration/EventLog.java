package org.tokendesk.registration;

import java.util.ArrayDeque;
import java.util.List;

/** The last {@code capacity} entries of one token's log; older ones fall off. Thread-safe. */
public final class EventLog {
    public static final int DEFAULT_CAPACITY = 200;

    private final int capacity;
    private final ArrayDeque<LogEntry> entries;

    public EventLog(int capacity) {
        this.capacity = capacity;
        // Grown as lines come: most tokens log a handful, and 10,000 full-size arrays would be 10 MB.
        this.entries = new ArrayDeque<>(Math.min(capacity, 8));
    }

    public synchronized void add(LogEntry entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    /** Oldest first. */
    public synchronized List<LogEntry> entries() {
        return List.copyOf(entries);
    }
}
