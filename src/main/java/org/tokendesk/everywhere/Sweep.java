package org.tokendesk.everywhere;

import java.time.Duration;
import java.util.List;

import org.tokendesk.discovery.Registry;
import org.tokendesk.token.Token;

/**
 * One token looked up at every registry: the outcomes in the order asked (the chosen registry first)
 * and how long the whole check took.
 */
public record Sweep(Token token, Registry chosen, List<RegistryOutcome> outcomes, Duration elapsed) {
    public Sweep {
        outcomes = List.copyOf(outcomes);
        if (outcomes.stream().noneMatch(o -> RegistryList.same(o.registry(), chosen))) {
            throw new IllegalArgumentException("the chosen registry must be among the outcomes: " + chosen);
        }
    }

    public Verdict verdict() {
        return Verdict.of(chosen, outcomes);
    }

    public boolean isChosen(RegistryOutcome outcome) {
        return RegistryList.same(outcome.registry(), chosen);
    }

    public RegistryOutcome chosenOutcome() {
        return outcomes.stream().filter(o -> RegistryList.same(o.registry(), chosen)).findFirst().orElseThrow();
    }
}
