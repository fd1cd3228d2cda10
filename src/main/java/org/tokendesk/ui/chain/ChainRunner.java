package org.tokendesk.ui.chain;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import org.tokendesk.chain.Chain;
import org.tokendesk.chain.ChainCheck;
import org.tokendesk.discovery.Registry;
import org.tokendesk.doctor.Examination;
import org.tokendesk.net.Workers;
import org.tokendesk.token.Token;

/** Runs chains and folder checks off the JavaFX thread, two at a time; one per app, closed with it. */
public final class ChainRunner implements AutoCloseable {
    private final ChainCheck chains;
    private final ExecutorService pool = Workers.bounded("chain", 2);

    public ChainRunner(ChainCheck chains) {
        this.chains = chains;
    }

    CompletableFuture<Chain> run(Registry registry, Token token) {
        return CompletableFuture.supplyAsync(() -> chains.run(registry, token), pool);
    }

    CompletableFuture<Examination> examine(Path dir, List<Token> known) {
        return CompletableFuture.supplyAsync(() -> Examination.of(dir, known), pool);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
