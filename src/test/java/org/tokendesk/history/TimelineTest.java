package org.tokendesk.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TimelineTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static Instant h(double hours) {
        return T0.plusMillis((long) (hours * 3_600_000));
    }

    private static Event at(double hours, StateKind kind) {
        return new Event(h(hours), "https://api.chatie.io", Source.CHECK, kind, "", Optional.empty());
    }

    @Test
    void aStateLastsUntilTheNextEventAndUptimeIsTheShareOfKnownTimeUp() {
        Timeline t = Timeline.of(List.of(at(0, StateKind.SERVING), at(6, StateKind.NOT_SERVING), at(9, StateKind.SERVING)),
                List.of(new Run(h(0), h(24), true)), h(0), h(24));

        assertEquals(3, t.bands().size());
        assertEquals(new Band.Observed(h(6), h(9), StateKind.NOT_SERVING, List.of(at(6, StateKind.NOT_SERVING))), t.bands().get(1));
        assertEquals(87.5, t.uptime().orElseThrow(), 1e-9);
        assertEquals(1, t.outages());
        assertEquals(Duration.ofHours(3), t.longestOutage());
    }

    @Test
    void timeTokenDeskWasNotRunningIsAGapAndCountsNeitherWay() {
        Timeline t = Timeline.of(List.of(at(0, StateKind.ONLINE), at(14, StateKind.ONLINE)),
                List.of(new Run(h(0), h(10), true), new Run(h(12), h(24), false)), h(0), h(24));

        assertEquals(new Band.NotRunning(h(10), h(12)), t.bands().get(1));
        // The new run knew nothing until its first event: the state before the gap is not carried over it.
        assertEquals(new Band.Unknown(h(12), h(14)), t.bands().get(2));
        assertInstanceOf(Band.Observed.class, t.bands().get(3));
        assertEquals(100.0, t.uptime().orElseThrow(), 1e-9);
        assertEquals(0, t.outages());
    }

    @Test
    void outagesOfDifferentDownStatesInARowAreOneAndAGapEndsOne() {
        Timeline t = Timeline.of(List.of(
                        at(0, StateKind.ONLINE), at(1, StateKind.RETRYING), at(2, StateKind.UNREACHABLE), at(3, StateKind.ONLINE),
                        at(5, StateKind.NOT_REGISTERED), at(13, StateKind.RESOLVED)),
                List.of(new Run(h(0), h(8), true), new Run(h(12), h(24), true)), h(0), h(24));

        // 1..3 (two hours), 5..8 (three hours, cut by the gap); the new run starts unknown.
        assertEquals(2, t.outages());
        assertEquals(Duration.ofHours(3), t.longestOutage());
        // Known time: 0..8 (8 h) and 13..24 (11 h); up: 0..1, 3..5, 13..24 = 14 h.
        assertEquals(100.0 * 14 / 19, t.uptime().orElseThrow(), 1e-9);
    }

    @Test
    void theStateAtTheStartComesFromTheLastEventBeforeItInTheSameRun() {
        Timeline t = Timeline.of(List.of(at(-5, StateKind.REJECTED), at(2, StateKind.ONLINE)),
                List.of(new Run(h(-10), h(4), true)), h(0), h(4));

        Band first = t.bands().get(0);
        assertEquals(new Band.Observed(h(0), h(2), StateKind.REJECTED, List.of(at(-5, StateKind.REJECTED))), first);
        assertEquals(2, t.bands().size());
        assertEquals(50.0, t.uptime().orElseThrow(), 1e-9);
    }

    @Test
    void repeatedEventsOfOneStateMakeOneBandHoldingThemAll() {
        List<Event> events = List.of(at(0, StateKind.SERVING), at(1, StateKind.SERVING), at(2, StateKind.SERVING));
        Timeline t = Timeline.of(events, List.of(new Run(h(0), h(3), true)), h(0), h(3));

        assertEquals(List.of(new Band.Observed(h(0), h(3), StateKind.SERVING, events)), t.bands());
    }

    @Test
    void nothingKnownHasNoUptimeAndOffIsNoClaim() {
        Timeline none = Timeline.of(List.of(), List.of(), h(0), h(24));
        assertEquals(List.of(new Band.NotRunning(h(0), h(24))), none.bands());
        assertTrue(none.uptime().isEmpty());

        Timeline off = Timeline.of(List.of(at(0, StateKind.RETRYING), at(1, StateKind.OFF), at(2, StateKind.RETRYING)),
                List.of(new Run(h(0), h(3), true)), h(0), h(3));
        assertEquals(2, off.outages());
        assertEquals(0.0, off.uptime().orElseThrow(), 1e-9);
    }

    @Test
    void aLookupThatResolvesDoesNotUndoWhatTheProbeAfterTheLastOneSaid() {
        List<Event> events = List.of(at(0, StateKind.RESOLVED), at(0.01, StateKind.SERVING), at(1, StateKind.RESOLVED),
                at(1.01, StateKind.NOT_SERVING), at(2, StateKind.RESOLVED), at(2.01, StateKind.NOT_SERVING), at(3, StateKind.ONLINE),
                at(4, StateKind.RESOLVED), at(4.01, StateKind.SERVING), at(5, StateKind.NOT_REGISTERED), at(6, StateKind.RESOLVED));
        Timeline t = Timeline.of(events, List.of(new Run(h(0), h(7), true)), h(0), h(7));

        assertEquals(List.of(StateKind.RESOLVED, StateKind.SERVING, StateKind.NOT_SERVING, StateKind.SERVING, StateKind.NOT_REGISTERED,
                        StateKind.RESOLVED),
                t.bands().stream().map(b -> ((Band.Observed) b).kind()).toList());
        assertEquals(2, t.outages());
        assertEquals(Duration.ofMillis((long) (3.0 * 3_600_000)), t.longestOutage());
    }
}
