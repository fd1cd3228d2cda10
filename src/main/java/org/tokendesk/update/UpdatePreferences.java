package org.tokendesk.update;

import java.time.Duration;
import java.time.Instant;

/**
 * The user's answer about update checks and when the last one ran. {@code asked} false: the
 * window asks once; after that the choice lives in Settings.
 */
public record UpdatePreferences(boolean asked, boolean enabled, Instant lastChecked) {
    /** At most one check a day, failed ones included. */
    public static final Duration INTERVAL = Duration.ofHours(24);
    public static final UpdatePreferences NOT_ASKED = new UpdatePreferences(false, false, null);

    public UpdatePreferences answered(boolean enable) {
        return new UpdatePreferences(true, enable, lastChecked);
    }

    public UpdatePreferences checkedAt(Instant when) {
        return new UpdatePreferences(asked, enabled, when);
    }

    /** What to do now; a clock set back (lastChecked in the future) waits no longer than a day. */
    public Next next(UpdatePolicy policy, Instant now) {
        if (!policy.allowed()) {
            return Next.OFF;
        }
        if (!asked) {
            return Next.ASK;
        }
        if (!enabled) {
            return Next.OFF;
        }
        if (lastChecked == null || !now.isBefore(lastChecked.plus(INTERVAL)) || lastChecked.isAfter(now.plus(INTERVAL))) {
            return Next.CHECK;
        }
        return Next.NOT_DUE;
    }

    public enum Next {
        /** Ask the user once whether to check. */
        ASK,
        /** Check now. */
        CHECK,
        /** Checked less than a day ago. */
        NOT_DUE,
        /** Switched off by the user or by this build. */
        OFF
    }
}
