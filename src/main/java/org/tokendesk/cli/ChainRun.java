package org.tokendesk.cli;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import okhttp3.OkHttpClient;

import org.tokendesk.chain.Chain;
import org.tokendesk.chain.ChainCheck;
import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.net.Workers;
import org.tokendesk.probe.Probe;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.token.Token;

/** {@code check --probe}: the chain for each token that resolved, a few at a time. */
final class ChainRun implements AutoCloseable {
    private final ChainCheck chains;
    private final ExecutorService pool = Workers.bounded("chain", Probe.DEFAULT_IN_FLIGHT);

    ChainRun(OkHttpClient http, DiscoveryClient discovery, ProbeConfig config) {
        this.chains = new ChainCheck(discovery, http, config);
    }

    /** A token that did not resolve gets its chain too (no network): it says where such a token is renewed. */
    CompletableFuture<Optional<Chain>> after(CompletableFuture<Lookup> lookup, Registry registry, Token token) {
        return lookup.thenApplyAsync(l -> Optional.of(chains.run(registry, token, l)), pool);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
