package org.tokendesk.everywhere;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.net.Http;
import org.tokendesk.token.Token;

/**
 * "Check everywhere": looks one token up at every registry at once, through the shared
 * {@link DiscoveryClient} (same timeouts, same bounded bodies). An overall deadline caps the
 * whole check, queueing included, so one slow or dead registry never holds the answer back.
 */
public final class Everywhere {
    /** The discovery call timeout plus a little for the queue: a lookup that has not ended by then never will. */
    public static final Duration DEFAULT_DEADLINE = Http.Timeouts.DISCOVERY.call().plusSeconds(1);

    private final DiscoveryClient discovery;
    private final Duration deadline;

    public Everywhere(DiscoveryClient discovery, Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive: " + deadline);
        }
        this.discovery = discovery;
        this.deadline = deadline;
    }

    public Everywhere(DiscoveryClient discovery) {
        this(discovery, DEFAULT_DEADLINE);
    }

    public Duration deadline() {
        return deadline;
    }

    public CompletableFuture<Sweep> check(Token token, Registry chosen, RegistryList registries) {
        return check(token, chosen, registries.toAsk(chosen), outcome -> { });
    }

    /**
     * Asks {@code chosen} and every registry in {@code registries} (each once). {@code onEach} hears
     * every outcome as it arrives, on a pool thread (the window hands it to the JavaFX thread).
     * The returned future always completes normally, by the deadline at the latest.
     */
    public CompletableFuture<Sweep> check(Token token, Registry chosen, List<Registry> registries, Consumer<RegistryOutcome> onEach) {
        return sweep(token, chosen, null, registries, onEach);
    }

    /**
     * The automatic follow-up of a lookup at the chosen registry: asks every other registry and reuses
     * {@code atChosen} instead of asking the chosen one again ({@code onEach} hears only the new ones).
     */
    public CompletableFuture<Sweep> followUp(Token token, Registry chosen, Lookup atChosen, List<Registry> registries,
            Consumer<RegistryOutcome> onEach) {
        return sweep(token, chosen, atChosen, registries, onEach);
    }

    /** When a plain check should go on to ask everywhere: the chosen registry does not know the token. */
    public static boolean worthAskingElsewhere(Lookup atChosen) {
        return atChosen instanceof Lookup.NotRegistered;
    }

    private CompletableFuture<Sweep> sweep(Token token, Registry chosen, Lookup atChosen, List<Registry> registries,
            Consumer<RegistryOutcome> onEach) {
        long start = System.nanoTime();
        List<Registry> asked = new ArrayList<>();
        asked.add(chosen);
        for (Registry r : registries) {
            if (asked.stream().noneMatch(a -> RegistryList.same(a, r))) {
                asked.add(r);
            }
        }
        List<CompletableFuture<RegistryOutcome>> pending = new ArrayList<>();
        for (Registry registry : asked) {
            if (atChosen != null && registry == chosen) {
                pending.add(CompletableFuture.completedFuture(new RegistryOutcome(chosen, atChosen)));
                continue;
            }
            pending.add(lookupWithin(registry, token, start).thenApply(lookup -> {
                RegistryOutcome outcome = new RegistryOutcome(registry, lookup);
                tell(onEach, outcome);
                return outcome;
            }));
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .handle((done, e) -> {
                    List<RegistryOutcome> outcomes = new ArrayList<>();
                    for (CompletableFuture<RegistryOutcome> f : pending) {
                        outcomes.add(f.join());
                    }
                    return new Sweep(token, chosen, outcomes, Duration.ofNanos(System.nanoTime() - start));
                });
    }

    /** Before the sweep completes, so a listener has heard every outcome by then; a listener's bug must not break the sweep. */
    private static void tell(Consumer<RegistryOutcome> onEach, RegistryOutcome outcome) {
        try {
            onEach.accept(outcome);
        } catch (RuntimeException e) {
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
    }

    private CompletableFuture<Lookup> lookupWithin(Registry registry, Token token, long start) {
        CompletableFuture<Lookup> lookup;
        try {
            lookup = discovery.lookup(registry, token);
        } catch (RuntimeException e) {
            // A closed pool refuses new work; that is this app's failure, not the registry's, but it must still end the check.
            lookup = CompletableFuture.completedFuture(refused(e, start));
        }
        // completeOnTimeout completes this future, not the HTTP call: the call ends by its own timeout, its answer ignored.
        return lookup
                .exceptionally(e -> refused(e, start))
                .completeOnTimeout(new Lookup.Failed(Lookup.Failure.TIMEOUT,
                        "no answer within " + deadline.toMillis() + " ms (overall deadline)", deadline),
                        deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Lookup refused(Throwable e, long start) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new Lookup.Failed(Lookup.Failure.CANNOT_CONNECT, "lookup not run: " + cause.getClass().getSimpleName(),
                Duration.ofNanos(System.nanoTime() - start));
    }
}
