package org.tokendesk.ui.everywhere;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.everywhere.Everywhere;
import org.tokendesk.everywhere.RegistryOutcome;
import org.tokendesk.everywhere.Sweep;
import org.tokendesk.token.Token;
import org.tokendesk.ui.FxQueue;

/**
 * Runs check-everywhere sweeps a few at a time on a lookup pool of their own. {@link Everywhere}'s
 * deadline counts time spent queueing, so a sweep starts only when every one of its lookups can run
 * at once: "Check all" on 10,000 rows queues 10,000 small jobs here, not 10,000 sweeps that time out
 * behind each other or behind the list's own checks. Jobs can jump the queue (the row the user looks
 * at), and a job whose row has moved on is skipped when its turn comes. Used on the JavaFX thread only.
 */
final class SweepQueue implements AutoCloseable {
    /** One sweep: what to ask, and what to tell as it goes. Called on the JavaFX thread. */
    interface Job {
        Token token();

        Registry chosen();

        /** The chosen registry's answer, reused rather than asked again. */
        Lookup atChosen();

        /** Every registry to ask, the chosen one first. */
        List<Registry> toAsk();

        /** Still worth running when its turn comes? */
        boolean wanted();

        void started();

        void heard(RegistryOutcome outcome);

        void done(Sweep sweep);
    }

    private final DiscoveryClient discovery;
    private final Everywhere everywhere;
    private final Deque<Job> waiting = new ArrayDeque<>();
    private final FxQueue fx = new FxQueue();
    private int maxLookups;
    private int lookupsInFlight;

    /** {@code discovery} is this queue's own pool, of {@code maxLookups} threads. */
    SweepQueue(DiscoveryClient discovery, int maxLookups) {
        this.discovery = discovery;
        this.everywhere = new Everywhere(discovery);
        this.maxLookups = maxLookups;
    }

    void submit(Job job, boolean first) {
        if (first) {
            waiting.addFirst(job);
        } else {
            waiting.addLast(job);
        }
        pump();
    }

    int lookupsInFlight() {
        return lookupsInFlight;
    }

    private void pump() {
        while (!waiting.isEmpty()) {
            Job next = waiting.peekFirst();
            if (!next.wanted()) {
                waiting.pollFirst();
                continue;
            }
            int cost = cost(next);
            if (lookupsInFlight > 0 && lookupsInFlight + cost > maxLookups) {
                return;
            }
            waiting.pollFirst();
            start(next, cost);
        }
    }

    private void start(Job job, int cost) {
        if (cost > maxLookups) {
            // More registries than threads: widen the pool rather than let the extra lookups wait out the deadline.
            maxLookups = cost;
            discovery.setMaxInFlight(cost);
        }
        lookupsInFlight += cost;
        job.started();
        everywhere.followUp(job.token(), job.chosen(), job.atChosen(), job.toAsk(), outcome -> fx.post(() -> job.heard(outcome)))
                .whenComplete((sweep, failure) -> fx.post(() -> {
                    lookupsInFlight -= cost;
                    if (sweep != null) {
                        job.done(sweep);
                    }
                    pump();
                }));
    }

    /** The lookups a sweep makes: every registry but the chosen one, whose answer it reuses. */
    private static int cost(Job job) {
        return (int) job.toAsk().stream().filter(r -> !r.equals(job.chosen())).count();
    }

    @Override
    public void close() {
        waiting.clear();
        discovery.close();
    }
}
