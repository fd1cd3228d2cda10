package org.tokendesk.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tokendesk.token.Token;

/**
 * Follows each token's states as they are recorded and says when one that was up has been down without
 * a break for longer than {@code after}: once, "down since", and once more, "back", when it recovers. A
 * blip shorter than that says nothing, nor does a token down from the first state seen (an old token
 * registered nowhere is no news at every start). States are read as the timeline reads them: a lookup that only says
 * "resolves" does not undo what the last probe said; "connecting" says nothing either way (a drop that
 * keeps reconnecting is one outage); "off" (keep-online switched off) forgets the token. Thread-safe:
 * checks arrive on the JavaFX thread, keep-online states on the engine's.
 */
public final class OutageWatch {
    /** What to tell the user. */
    public sealed interface Alert {
        Token token();
    }

    /** Down without a break since {@code since}; {@code kind} is the latest state. */
    public record Down(Token token, Instant since, StateKind kind) implements Alert {
    }

    /** Up again at {@code at} after the outage that began at {@code since}. */
    public record Back(Token token, Instant since, Instant at) implements Alert {
    }

    private static final class Followed {
        StateKind kind;
        boolean wasUp;
        Instant downSince;
        boolean told;
    }

    private final Map<Token, Followed> tokens = new HashMap<>();
    private Optional<Duration> after;

    /** @param after how long a token must be down before it is worth saying; empty: never say */
    public OutageWatch(Optional<Duration> after) {
        this.after = after.filter(d -> !d.isNegative() && !d.isZero());
    }

    /** From the settings' number: 0 minutes is off. */
    public static Optional<Duration> minutes(int minutes) {
        return minutes > 0 ? Optional.of(Duration.ofMinutes(minutes)) : Optional.empty();
    }

    public synchronized void use(Optional<Duration> changed) {
        after = changed.filter(d -> !d.isNegative() && !d.isZero());
    }

    /** A new state of {@code token} at {@code at}; returns what to say now (at most one alert). */
    public synchronized List<Alert> observe(Token token, StateKind kind, Instant at) {
        if (kind == StateKind.OFF) {
            tokens.remove(token);
            return List.of();
        }
        if (kind == StateKind.CONNECTING) {
            return List.of();
        }
        Followed f = tokens.computeIfAbsent(token, t -> new Followed());
        if (f.kind != null && Timeline.saysLess(kind, f.kind)) {
            return due(token, f, at);
        }
        f.kind = kind;
        if (kind.health().outage()) {
            if (f.downSince == null && f.wasUp) {
                f.downSince = at;
            }
            return due(token, f, at);
        }
        f.wasUp = true;
        Instant since = f.downSince;
        boolean told = f.told;
        f.downSince = null;
        f.told = false;
        return told ? List.of(new Back(token, since, at)) : List.of();
    }

    /** What has become due by {@code now} without news (a token that stays down is not checked again at once). */
    public synchronized List<Alert> tick(Instant now) {
        List<Alert> alerts = new ArrayList<>();
        tokens.forEach((token, f) -> alerts.addAll(due(token, f, now)));
        return alerts;
    }

    /** A token taken out of the list: nothing more is said about it. */
    public synchronized void forget(Token token) {
        tokens.remove(token);
    }

    private List<Alert> due(Token token, Followed f, Instant now) {
        if (f.told || f.downSince == null || after.isEmpty() || Duration.between(f.downSince, now).compareTo(after.get()) < 0) {
            return List.of();
        }
        f.told = true;
        return List.of(new Down(token, f.downSince, f.kind));
    }
}
