package org.tokendesk.history;

/** Which part of TokenDesk saw a state. */
public enum Source {
    CHECK,
    PROBE,
    KEEP_ONLINE
}
