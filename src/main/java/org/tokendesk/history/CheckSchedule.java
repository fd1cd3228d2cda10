package org.tokendesk.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When checks run by themselves, so that the history has meaning while the window sits in the tray:
 * every token every {@code all} (none when empty), and the tokens kept online at least every
 * {@link #KEPT_ONLINE_EVERY} when {@code keptOnline} is on. A run of every token covers those kept online.
 */
public record CheckSchedule(Optional<Duration> all, boolean keptOnline) {
    /** Short enough that a registry that lost the token shows within minutes, long enough to be no load. */
    public static final Duration KEPT_ONLINE_EVERY = Duration.ofMinutes(5);
    public static final CheckSchedule NONE = new CheckSchedule(Optional.empty(), false);

    public CheckSchedule {
        all = all == null ? Optional.empty() : all.filter(d -> !d.isNegative() && !d.isZero());
    }

    /** From the settings' numbers: {@code everyMinutes} 0 means no schedule for every token. */
    public static CheckSchedule of(int everyMinutes, boolean keptOnline) {
        return new CheckSchedule(everyMinutes > 0 ? Optional.of(Duration.ofMinutes(everyMinutes)) : Optional.empty(), keptOnline);
    }

    /** Which tokens a run is for. */
    public enum Due { NOTHING, KEPT_ONLINE, ALL }

    /** How often the tokens kept online are checked: the shorter of the two schedules that apply to them. */
    public Optional<Duration> keptOnlineEvery() {
        if (!keptOnline) {
            return all;
        }
        return Optional.of(all.filter(d -> d.compareTo(KEPT_ONLINE_EVERY) < 0).orElse(KEPT_ONLINE_EVERY));
    }

    /** What is due at {@code now}, given when every token and when the kept-online ones were last checked. */
    public Due due(Instant lastAll, Instant lastKeptOnline, Instant now) {
        if (all.isPresent() && !now.isBefore(lastAll.plus(all.get()))) {
            return Due.ALL;
        }
        Optional<Duration> kept = keptOnlineEvery();
        if (kept.isPresent() && !now.isBefore(lastKeptOnline.plus(kept.get()))) {
            return Due.KEPT_ONLINE;
        }
        return Due.NOTHING;
    }
}
