package org.tokendesk.registration;

import java.time.Instant;

/**
 * One line of a token's event log. {@code detail} is technical data (a port, a method name, a close
 * reason) with the token masked; {@link RegistrationWords#of(LogEntry)} turns it into the user's words.
 */
public record LogEntry(Instant at, Event event, String detail) {
    public LogEntry {
        detail = detail == null ? "" : detail;
    }

    public enum Event {
        SWITCHED_ON, CONNECTING, CONNECTED, REGISTERED, QUERIED, ANSWERED, UNKNOWN_METHOD, IGNORED, GARBAGE,
        TOO_LARGE, HALF_OPEN, DROPPED, RETRYING, REJECTED, STOPPED, SWITCHED_OFF, REACHABLE_AS, VERIFIED,
        VERIFY_MISMATCH, LOCAL_LISTENING, LOCAL_NOT_LISTENING
    }
}
