package org.tokendesk.history;

import java.nio.file.Path;

/** How opening the history file went; the window says so when it was not plain. */
public sealed interface HistoryOpen {

    record Opened(HistoryStore store) implements HistoryOpen {
    }

    /** The file could not be opened (corrupt, not a database): moved to {@code movedTo}, a new one started. */
    record StartedAfresh(HistoryStore store, Path movedTo, String reason) implements HistoryOpen {
    }

    /** Nothing is recorded this time; the file, if any, is left as it is. */
    record Unavailable(Why why, String detail) implements HistoryOpen {
    }

    enum Why {
        /** Another process holds the file locked beyond the busy timeout. */
        LOCKED,
        /** Written by a newer TokenDesk. */
        TOO_NEW,
        /** The folder or file cannot be created or read. */
        IO
    }
}
