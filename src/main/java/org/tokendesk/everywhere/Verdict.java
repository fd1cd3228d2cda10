package org.tokendesk.everywhere;

import java.util.ArrayList;
import java.util.List;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;

/**
 * The plain answer of a check everywhere: where the token is registered, measured against the
 * registry the user's SDK asks ("chosen"). "Registered" includes a registry that knows the token but
 * cannot reach its service ({@link Lookup.Unreachable}).
 */
public sealed interface Verdict {

    /** The fixes this verdict calls for: one per registry that knows the token, when the chosen one does not. */
    default List<FixLines> fixes() {
        return List.of();
    }

    /** The chosen registry knows the token; {@code alsoAt} are other registries that know it too. */
    record FineAtChosen(Registry chosen, Lookup lookup, List<Registry> alsoAt) implements Verdict {
        public FineAtChosen {
            alsoAt = List.copyOf(alsoAt);
        }

        /** Registered, but the registry says it cannot reach the service: the SDK will not get through either. */
        public boolean serviceUnreachable() {
            return lookup instanceof Lookup.Unreachable;
        }
    }

    /** One other registry knows the token, the chosen one does not (or could not be asked: see {@code chosenLookup}). */
    record RegisteredElsewhere(Registry chosen, Lookup chosenLookup, RegistryOutcome at) implements Verdict {
        public FixLines fix() {
            return FixLines.toReach(at);
        }

        @Override
        public List<FixLines> fixes() {
            return List.of(fix());
        }
    }

    /** Several other registries know the token, the chosen one does not. */
    record RegisteredAtSeveral(Registry chosen, Lookup chosenLookup, List<RegistryOutcome> at) implements Verdict {
        public RegisteredAtSeveral {
            at = List.copyOf(at);
        }

        @Override
        public List<FixLines> fixes() {
            return at.stream().map(FixLines::toReach).toList();
        }
    }

    /** Every registry answered, and none knows the token. */
    record RegisteredNowhere(List<Registry> asked) implements Verdict {
        public RegisteredNowhere {
            asked = List.copyOf(asked);
        }
    }

    /** None knows the token, but some could not be asked: it may be registered at one of {@code failed}. */
    record CannotTell(List<RegistryOutcome> failed, List<Registry> notRegisteredAt) implements Verdict {
        public CannotTell {
            failed = List.copyOf(failed);
            notRegisteredAt = List.copyOf(notRegisteredAt);
        }

        public boolean errorsOnly() {
            return notRegisteredAt.isEmpty();
        }
    }

    static Verdict of(Registry chosen, List<RegistryOutcome> outcomes) {
        RegistryOutcome chosenOutcome = outcomes.stream().filter(o -> RegistryList.same(o.registry(), chosen)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the chosen registry was not asked: " + chosen));
        List<RegistryOutcome> others = new ArrayList<>();
        for (RegistryOutcome o : outcomes) {
            if (o != chosenOutcome && o.registered()) {
                others.add(o);
            }
        }
        if (chosenOutcome.registered()) {
            return new FineAtChosen(chosen, chosenOutcome.lookup(), others.stream().map(RegistryOutcome::registry).toList());
        }
        if (others.size() == 1) {
            return new RegisteredElsewhere(chosen, chosenOutcome.lookup(), others.get(0));
        }
        if (others.size() > 1) {
            return new RegisteredAtSeveral(chosen, chosenOutcome.lookup(), others);
        }
        List<RegistryOutcome> failed = outcomes.stream().filter(RegistryOutcome::failed).toList();
        if (failed.isEmpty()) {
            return new RegisteredNowhere(outcomes.stream().map(RegistryOutcome::registry).toList());
        }
        return new CannotTell(failed, outcomes.stream().filter(o -> !o.failed()).map(RegistryOutcome::registry).toList());
    }
}
