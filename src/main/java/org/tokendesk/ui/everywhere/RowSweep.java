package org.tokendesk.ui.everywhere;

import java.util.List;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.everywhere.RegistryOutcome;
import org.tokendesk.everywhere.Sweep;

/** Where one row's check everywhere stands, as the row hint and the Registries tab show it. */
public sealed interface RowSweep {
    /** Not asked elsewhere (or the last answer at the chosen registry made it moot). */
    record None() implements RowSweep {
    }

    /** The user asked; the chosen registry's answer comes first (it is the row's own check). */
    record Waiting() implements RowSweep {
    }

    /** The chosen registry has answered; the other registries are asked when a slot is free. */
    record Queued(Registry chosen, Lookup atChosen, List<Registry> toAsk) implements RowSweep {
        public Queued {
            toAsk = List.copyOf(toAsk);
        }
    }

    /** Being asked: {@code outcomes} holds the answers so far, the chosen registry's first. */
    record Running(Registry chosen, List<Registry> toAsk, List<RegistryOutcome> outcomes) implements RowSweep {
        public Running {
            toAsk = List.copyOf(toAsk);
            outcomes = List.copyOf(outcomes);
        }
    }

    record Done(Sweep sweep) implements RowSweep {
    }

    RowSweep NONE = new None();
    RowSweep WAITING = new Waiting();
}
