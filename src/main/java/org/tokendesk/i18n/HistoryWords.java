package org.tokendesk.i18n;

import java.time.Duration;
import java.util.OptionalDouble;

import org.tokendesk.history.Band;
import org.tokendesk.history.Event;
import org.tokendesk.history.Observed;
import org.tokendesk.history.StateKind;
import org.tokendesk.history.Timeline;

/** The user's words for history states and spans (both bundles hold every key). */
public final class HistoryWords {
    private HistoryWords() {
    }

    public static String state(StateKind kind) {
        return Text.get("history.state." + kind.name());
    }

    /** A state with what it said: "resolves to 203.0.113.7:8788", "lookup failed: TIMEOUT". */
    public static String event(Event e) {
        String state = state(e.kind());
        return e.detail().isEmpty() ? state : Text.get("history.event.withDetail", state, e.detail());
    }

    public static String band(Band band) {
        if (band instanceof Band.Observed o) {
            return state(o.kind());
        }
        return Text.get(band instanceof Band.NotRunning ? "history.band.notRunning" : "history.band.unknown");
    }

    public static String uptime(OptionalDouble uptime) {
        return uptime.isPresent() ? Text.get("history.uptime.value", String.format(Text.locale(), "%.1f", uptime.getAsDouble()))
                : Text.get("history.uptime.none");
    }

    /** Short and human: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
    public static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return Text.get("history.duration.s", s);
        }
        if (s < 3600) {
            return Text.get("history.duration.m", s / 60);
        }
        if (s < 86_400) {
            return Text.get("history.duration.hm", s / 3600, (s % 3600) / 60);
        }
        return Text.get("history.duration.dh", s / 86_400, (s % 86_400) / 3600);
    }

    public static Duration notRunning(Timeline t) {
        return t.bands().stream().filter(b -> b instanceof Band.NotRunning).map(Band::length).reduce(Duration.ZERO, Duration::plus);
    }

    /** "uptime 98.2 %, 2 outages, longest 14 min, not running 1 h 10 min". */
    public static String summary(Timeline t) {
        return Text.get("history.summary", uptime(t.uptime()), t.outages(), duration(t.longestOutage()), duration(notRunning(t)));
    }
}
