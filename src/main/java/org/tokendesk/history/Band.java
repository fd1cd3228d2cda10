package org.tokendesk.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A stretch of a timeline in one state. */
public sealed interface Band {
    Instant from();

    Instant to();

    default Duration length() {
        return Duration.between(from(), to());
    }

    /** In state {@code kind}, as {@code events} said (the first may be from before the band: the state it carried in). */
    record Observed(Instant from, Instant to, StateKind kind, List<Event> events) implements Band {
        public Observed {
            events = List.copyOf(events);
        }
    }

    /** TokenDesk was running, but had not looked at the token yet. */
    record Unknown(Instant from, Instant to) implements Band {
    }

    /** TokenDesk was not running: nobody looked. */
    record NotRunning(Instant from, Instant to) implements Band {
    }
}
