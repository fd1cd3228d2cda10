package org.tokendesk.history;

import java.time.Instant;

/**
 * A stretch of time TokenDesk was running and recording (the window, a {@code check}, a {@code watch}).
 * {@code end} is the clean stop, or the last heartbeat of a run that was killed.
 */
public record Run(Instant start, Instant end, boolean stoppedCleanly) {
    public Run {
        if (end.isBefore(start)) {
            end = start;
        }
    }
}
