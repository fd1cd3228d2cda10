package org.tokendesk.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One token's states from {@code from} to {@code to}, worked out from its events and TokenDesk's runs.
 * Within a run a state lasts until the next event; a run starts knowing nothing (the state before a
 * gap is not carried over it), and a lookup that only says "resolves" does not undo what the last probe said.
 * Uptime counts only the time a state was known and was up or down;
 * an outage is an unbroken stretch of degraded or down states, ended by an up state, a gap or "off".
 */
public record Timeline(Instant from, Instant to, List<Band> bands, OptionalDouble uptime, int outages, Duration longestOutage) {
    public Timeline {
        bands = List.copyOf(bands);
    }

    public static Timeline of(List<Event> events, List<Run> runs, Instant from, Instant to) {
        List<Event> sorted = events.stream().sorted(Comparator.comparing(Event::at)).toList();
        List<Run> byStart = runs.stream().sorted(Comparator.comparing(Run::start)).toList();
        List<Band> bands = new ArrayList<>();
        Instant cursor = from;
        for (Run run : byStart) {
            Instant start = max(run.start(), from);
            Instant end = min(run.end(), to);
            if (!end.isAfter(start) || !end.isAfter(cursor)) {
                continue;
            }
            start = max(start, cursor);
            if (start.isAfter(cursor)) {
                bands.add(new Band.NotRunning(cursor, start));
            }
            runBands(sorted, run, start, end, bands);
            cursor = end;
        }
        if (to.isAfter(cursor)) {
            bands.add(new Band.NotRunning(cursor, to));
        }
        return measure(from, to, bands);
    }

    /** The bands of one run from {@code start} to {@code end}: what it knew at {@code start}, then each change. */
    private static void runBands(List<Event> events, Run run, Instant start, Instant end, List<Band> into) {
        Optional<Event> carried = Optional.empty();
        List<Event> inside = new ArrayList<>();
        for (Event e : events) {
            if (e.at().isBefore(run.start()) || e.at().isAfter(end)) {
                continue;
            }
            if (e.at().isBefore(start)) {
                carried = Optional.of(e);
            } else {
                inside.add(e);
            }
        }
        Instant at = start;
        StateKind kind = carried.map(Event::kind).orElse(null);
        List<Event> said = new ArrayList<>();
        carried.ifPresent(said::add);
        for (Event e : inside) {
            if (kind != null && (e.kind() == kind || saysLess(e.kind(), kind))) {
                said.add(e);
                continue;
            }
            if (e.at().isAfter(at)) {
                into.add(kind == null ? new Band.Unknown(at, e.at()) : new Band.Observed(at, e.at(), kind, said));
                at = e.at();
            }
            kind = e.kind();
            said = new ArrayList<>(List.of(e));
        }
        if (end.isAfter(at) || into.isEmpty()) {
            into.add(kind == null ? new Band.Unknown(at, end) : new Band.Observed(at, end, kind, said));
        }
    }

    /**
     * "Resolves" and "online" say only that the registry knows the address; after a probe said how the service
     * behind it is, they do not undo that (each check's lookup comes just before its probe).
     */
    static boolean saysLess(StateKind next, StateKind current) {
        boolean addressOnly = next == StateKind.RESOLVED || next == StateKind.ONLINE;
        boolean probed = current == StateKind.SERVING || current == StateKind.NOT_SERVING || current == StateKind.PROBE_FAILED;
        return addressOnly && probed;
    }

    private static Timeline measure(Instant from, Instant to, List<Band> bands) {
        long up = 0;
        long known = 0;
        int outages = 0;
        long longest = 0;
        long current = -1;
        for (Band band : bands) {
            long millis = band.length().toMillis();
            StateKind.Health health = band instanceof Band.Observed o ? o.kind().health() : StateKind.Health.IDLE;
            if (health == StateKind.Health.UP) {
                up += millis;
            }
            if (health != StateKind.Health.IDLE) {
                known += millis;
            }
            if (health.outage()) {
                if (current < 0) {
                    outages++;
                    current = 0;
                }
                current += millis;
                longest = Math.max(longest, current);
            } else {
                current = -1;
            }
        }
        OptionalDouble uptime = known == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * up / known);
        return new Timeline(from, to, bands, uptime, outages, Duration.ofMillis(longest));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
