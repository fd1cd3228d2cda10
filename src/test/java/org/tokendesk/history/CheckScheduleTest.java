package org.tokendesk.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CheckScheduleTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private static Instant at(int minutes, int seconds) {
        return T0.plus(Duration.ofMinutes(minutes).plusSeconds(seconds));
    }

    @Test
    void theDefaultsCheckOnlyTheTokensKeptOnlineEveryFiveMinutes() {
        CheckSchedule s = CheckSchedule.of(0, true);
        assertEquals(Optional.empty(), s.all());
        assertEquals(CheckSchedule.Due.NOTHING, s.due(T0, T0, at(4, 59)));
        assertEquals(CheckSchedule.Due.KEPT_ONLINE, s.due(T0, T0, at(5, 0)));
    }

    @Test
    void offAndNotForKeptOnlineIsNeverDue() {
        assertEquals(CheckSchedule.Due.NOTHING, CheckSchedule.of(0, false).due(T0, T0, at(24 * 60, 0)));
        assertEquals(CheckSchedule.Due.NOTHING, CheckSchedule.NONE.due(T0, T0, at(24 * 60, 0)));
    }

    @Test
    void aLongScheduleStillChecksKeptOnlineTokensEveryFiveMinutes() {
        CheckSchedule s = CheckSchedule.of(60, true);
        assertEquals(CheckSchedule.Due.KEPT_ONLINE, s.due(T0, T0, at(5, 0)));
        assertEquals(CheckSchedule.Due.NOTHING, s.due(T0, at(5, 0), at(9, 59)));
        assertEquals(CheckSchedule.Due.ALL, s.due(T0, at(55, 0), at(60, 0)));
    }

    @Test
    void aShortScheduleCoversKeptOnlineTokensWithEveryOtherToken() {
        CheckSchedule s = CheckSchedule.of(1, true);
        assertEquals(Optional.of(Duration.ofMinutes(1)), s.keptOnlineEvery());
        assertEquals(CheckSchedule.Due.NOTHING, s.due(T0, T0, at(0, 59)));
        assertEquals(CheckSchedule.Due.ALL, s.due(T0, T0, at(1, 0)));
    }

    @Test
    void withoutTheKeptOnlineSwitchTheyFollowTheGeneralSchedule() {
        CheckSchedule s = CheckSchedule.of(15, false);
        assertEquals(Optional.of(Duration.ofMinutes(15)), s.keptOnlineEvery());
        assertEquals(CheckSchedule.Due.NOTHING, s.due(T0, T0, at(14, 0)));
        assertEquals(CheckSchedule.Due.ALL, s.due(T0, T0, at(15, 0)));
    }
}
