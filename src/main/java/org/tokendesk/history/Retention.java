package org.tokendesk.history;

import java.time.Duration;

/** How much history is kept: events older than {@code keep} go, and the oldest go first while the file is over {@code maxBytes}. */
public record Retention(Duration keep, long maxBytes) {
    public static final Retention DEFAULT = new Retention(Duration.ofDays(90), 64L * 1024 * 1024);

    public Retention {
        if (keep.isNegative() || keep.isZero() || maxBytes < 64 * 1024) {
            throw new IllegalArgumentException("retention must keep something");
        }
    }
}
