package org.tokendesk.history;

import java.time.Duration;

/** The stretches a timeline shows. */
public enum Span {
    DAY(Duration.ofHours(24)),
    WEEK(Duration.ofDays(7)),
    MONTH(Duration.ofDays(30));

    private final Duration length;

    Span(Duration length) {
        this.length = length;
    }

    public Duration length() {
        return length;
    }
}
