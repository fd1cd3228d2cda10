package org.tokendesk.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.tokendesk.token.Token;

/** The "down longer than N minutes" alert, on a clock the test moves: minutes pass in a line. */
class OutageWatchTest {
    private static final Token A = Token.of("insecure_outage-a-5c0c4c34-1f1e-4a52-9c0b-7b5d2a1e9f00");
    private static final Token B = Token.of("insecure_outage-b-0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6");
    private static final Instant T0 = Instant.parse("2026-12-04T03:00:00Z");

    private final OutageWatch watch = new OutageWatch(OutageWatch.minutes(5));
    private final List<OutageWatch.Alert> said = new ArrayList<>();
    private Instant now = T0;

    private void at(int minutes, int seconds) {
        now = T0.plus(Duration.ofMinutes(minutes).plusSeconds(seconds));
    }

    private void state(Token token, StateKind kind) {
        said.addAll(watch.observe(token, kind, now));
    }

    /** The UI ticks every 15 s; here every 15 s up to {@code minutes}:{@code seconds}. */
    private void ticksUntil(int minutes, int seconds) {
        Instant end = T0.plus(Duration.ofMinutes(minutes).plusSeconds(seconds));
        while (now.isBefore(end)) {
            now = now.plusSeconds(15).isAfter(end) ? end : now.plusSeconds(15);
            said.addAll(watch.tick(now));
        }
    }

    @Test
    void aBlipShorterThanFiveMinutesSaysNothing() {
        state(A, StateKind.ONLINE);
        at(1, 0);
        state(A, StateKind.RETRYING);
        ticksUntil(5, 59);
        state(A, StateKind.ONLINE);
        ticksUntil(30, 0);
        assertEquals(List.of(), said);
    }

    @Test
    void aLongOutageSaysDownOnceAfterFiveMinutesAndBackOnceWhenItRecovers() {
        state(A, StateKind.RESOLVED);
        at(2, 0);
        state(A, StateKind.NOT_REGISTERED);
        ticksUntil(6, 59);
        assertEquals(List.of(), said, "4 min 59 s is not yet 5 minutes");
        ticksUntil(7, 0);
        assertEquals(List.of(new OutageWatch.Down(A, T0.plusSeconds(120), StateKind.NOT_REGISTERED)), said);
        // More bad news and time passing say nothing more.
        state(A, StateKind.LOOKUP_FAILED);
        ticksUntil(40, 0);
        state(A, StateKind.NOT_REGISTERED);
        assertEquals(1, said.size());
        at(41, 0);
        state(A, StateKind.RESOLVED);
        assertEquals(new OutageWatch.Back(A, T0.plusSeconds(120), T0.plusSeconds(41 * 60)), said.get(1));
        state(A, StateKind.SERVING);
        ticksUntil(60, 0);
        assertEquals(2, said.size());
    }

    @Test
    void aTokenDownFromTheFirstStateSeenIsNoNewsUntilItHasBeenUp() {
        state(A, StateKind.NOT_REGISTERED);
        ticksUntil(60, 0);
        assertEquals(List.of(), said, "registered nowhere since we know it: not a drop");
        state(A, StateKind.RESOLVED);
        assertEquals(List.of(), said, "no back without a down");
        at(61, 0);
        state(A, StateKind.NOT_REGISTERED);
        ticksUntil(66, 0);
        assertEquals(List.of(new OutageWatch.Down(A, T0.plusSeconds(61 * 60), StateKind.NOT_REGISTERED)), said);
    }

    @Test
    void anEventArrivingLateStillCountsFromTheStartOfTheOutage() {
        state(A, StateKind.SERVING);
        state(A, StateKind.PROBE_FAILED);
        at(10, 0);
        state(A, StateKind.PROBE_FAILED);
        assertEquals(List.of(new OutageWatch.Down(A, T0, StateKind.PROBE_FAILED)), said);
    }

    @Test
    void flappingFasterThanFiveMinutesNeverAlerts() {
        for (int i = 0; i < 12; i++) {
            at(i * 5, 0);
            state(A, StateKind.RETRYING);
            ticksUntil(i * 5 + 4, 0);
            state(A, StateKind.ONLINE);
            ticksUntil(i * 5 + 5, 0);
        }
        assertEquals(List.of(), said);
    }

    @Test
    void reconnectingAttemptsDoNotBreakAnOutageNorDoesAResolveAfterAFailedProbe() {
        state(A, StateKind.ONLINE);
        state(A, StateKind.RETRYING);
        at(2, 0);
        state(A, StateKind.CONNECTING);
        at(3, 0);
        state(A, StateKind.RETRYING);
        ticksUntil(5, 0);
        assertEquals(1, said.size(), "connecting says nothing either way: " + said);

        state(B, StateKind.SERVING);
        state(B, StateKind.PROBE_FAILED);
        at(7, 0);
        // The next check's lookup comes before its probe: "resolves" alone does not end the service's outage.
        state(B, StateKind.RESOLVED);
        ticksUntil(10, 0);
        assertEquals(new OutageWatch.Down(B, T0.plusSeconds(5 * 60), StateKind.PROBE_FAILED), said.get(1));
        state(B, StateKind.SERVING);
        assertEquals(new OutageWatch.Back(B, T0.plusSeconds(5 * 60), now), said.get(2));
    }

    @Test
    void switchingKeepOnlineOffForgetsTheTokenAndOffInTheSettingsSaysNothing() {
        state(A, StateKind.ONLINE);
        state(A, StateKind.RETRYING);
        at(3, 0);
        state(A, StateKind.OFF);
        ticksUntil(20, 0);
        assertEquals(List.of(), said);

        watch.use(OutageWatch.minutes(0));
        state(B, StateKind.RESOLVED);
        state(B, StateKind.NOT_REGISTERED);
        ticksUntil(60, 0);
        state(B, StateKind.RESOLVED);
        assertEquals(List.of(), said);
    }
}
