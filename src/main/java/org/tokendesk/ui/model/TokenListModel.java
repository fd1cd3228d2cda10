package org.tokendesk.ui.model;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.probe.Probe;
import org.tokendesk.discovery.Registry;
import org.tokendesk.registration.KeepOnline;
import org.tokendesk.registration.KeptToken;
import org.tokendesk.registration.LogEntry;
import org.tokendesk.store.SavedToken;
import org.tokendesk.token.PastedLine;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenPaste;
import org.tokendesk.token.TokenProblem;
import org.tokendesk.ui.FxQueue;

/**
 * The user's list as the window holds it: adding from pastes, removing with undo, checking
 * against the chosen registry. Lives on the JavaFX thread; lookups run on the discovery pool and
 * come back through an {@link FxQueue}. Every change is handed to {@code save} as a snapshot.
 */
public final class TokenListModel {
    private final ObservableList<TokenRow> rows = FXCollections.observableArrayList();
    private final Map<Token, TokenRow> byToken = new HashMap<>();
    private final DiscoveryClient discovery;
    private final KeepOnline keepOnline;
    private final Probe prober;
    private final int defaultPort;
    private final Consumer<List<SavedToken>> save;
    private final Clock clock;
    private final FxQueue fx = new FxQueue();
    private Registry registry;
    private final Tally tally = new Tally();

    public TokenListModel(DiscoveryClient discovery, KeepOnline keepOnline, Probe prober, Registry registry, int defaultPort,
                          Consumer<List<SavedToken>> save, Clock clock) {
        this.discovery = discovery;
        this.prober = prober;
        this.keepOnline = keepOnline;
        this.defaultPort = defaultPort;
        keepOnline.addListener(new KeepOnline.Listener() {
            @Override
            public void changed(KeptToken status) {
                fx.post(() -> find(status.token()).ifPresent(row -> row.engineReported(status)));
            }

            @Override
            public void logged(Token token, LogEntry entry) {
                fx.post(() -> find(token).ifPresent(TokenRow::engineLogged));
            }
        });
        this.registry = registry;
        this.save = save;
        this.clock = clock;
    }

    public ObservableList<TokenRow> rows() {
        return rows;
    }

    public Registry registry() {
        return registry;
    }

    /** How many rows stand where, kept up to date as checks finish (no recount of 10,000 rows per answer). */
    public Tally tally() {
        return tally;
    }

    /** Replaces the list with what was saved (start-up). Nothing is saved back. */
    public void load(List<SavedToken> saved) {
        byToken.clear();
        List<TokenRow> loaded = new ArrayList<>(saved.size());
        for (SavedToken s : saved) {
            TokenRow row = new TokenRow(s);
            if (byToken.putIfAbsent(s.token(), row) == null) {
                loaded.add(row);
                watch(row);
            }
        }
        rows.setAll(loaded);
        tally.reset(loaded);
        loaded.stream().filter(TokenRow::keepOnline).forEach(this::goOnline);
    }

    /** What a paste did: the rows it added, the rows it pointed at as duplicates, the lines it refused. */
    public record AddOutcome(List<TokenRow> added, List<TokenRow> duplicates, List<PastedLine.Rejected> rejected,
                             List<PastedLine.Rejected> skipped) {
    }

    /** Adds every token the paste holds and checks the new ones at once. */
    public AddOutcome add(String pasted) {
        List<TokenRow> added = new ArrayList<>();
        List<TokenRow> duplicates = new ArrayList<>();
        List<PastedLine.Rejected> rejected = new ArrayList<>();
        List<PastedLine.Rejected> skipped = new ArrayList<>();
        for (PastedLine line : TokenPaste.parse(pasted)) {
            if (line instanceof PastedLine.Rejected r) {
                boolean otherVariable = r.problem().kind() == TokenProblem.Kind.OTHER_VARIABLE;
                (otherVariable ? skipped : rejected).add(r);
                continue;
            }
            Token token = line instanceof PastedLine.Accepted a ? a.token() : ((PastedLine.Duplicate) line).token();
            TokenRow existing = byToken.get(token);
            if (existing != null) {
                if (!duplicates.contains(existing)) {
                    duplicates.add(existing);
                }
                continue;
            }
            added.add(track(SavedToken.added(token, clock.instant()).withKeepOnline(false, defaultPort)));
        }
        if (!added.isEmpty()) {
            append(added);
        }
        return new AddOutcome(List.copyOf(added), List.copyOf(duplicates), List.copyOf(rejected), List.copyOf(skipped));
    }

    /**
     * Adds tokens that come whole (an import, a new token), labels and switches included; those
     * already in the list are left as they are. Returns the rows added, already being checked.
     */
    public List<TokenRow> addSaved(List<SavedToken> saved) {
        List<TokenRow> added = new ArrayList<>();
        for (SavedToken s : saved) {
            if (!byToken.containsKey(s.token())) {
                added.add(track(s));
            }
        }
        if (!added.isEmpty()) {
            append(added);
            added.stream().filter(TokenRow::keepOnline).forEach(this::goOnline);
        }
        return added;
    }

    /** A row for a token new to the list, known by its token at once (a paste may name it twice); {@link #append} shows it. */
    private TokenRow track(SavedToken saved) {
        TokenRow row = new TokenRow(saved);
        byToken.put(saved.token(), row);
        watch(row);
        return row;
    }

    /** Puts new rows at the end of the list, saves the list and checks them. */
    private void append(List<TokenRow> added) {
        rows.addAll(added);
        added.forEach(tally::add);
        saveNow();
        check(added);
    }

    public Clock clock() {
        return clock;
    }

    /** What a removal took away, in place, so that undo puts every row back where it was. */
    public record Removal(List<Integer> positions, List<TokenRow> rows) {
    }

    public Removal remove(Collection<TokenRow> toRemove) {
        List<Integer> positions = new ArrayList<>();
        List<TokenRow> removed = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (toRemove.contains(rows.get(i))) {
                positions.add(i);
                removed.add(rows.get(i));
            }
        }
        rows.removeAll(removed);
        removed.forEach(r -> byToken.remove(r.token()));
        removed.forEach(tally::remove);
        removed.forEach(r -> keepOnline.remove(r.token()));
        if (!removed.isEmpty()) {
            saveNow();
        }
        return new Removal(List.copyOf(positions), List.copyOf(removed));
    }

    public void undo(Removal removal) {
        for (int i = 0; i < removal.rows().size(); i++) {
            TokenRow row = removal.rows().get(i);
            if (byToken.putIfAbsent(row.token(), row) == null) {
                rows.add(Math.min(removal.positions().get(i), rows.size()), row);
                tally.add(row);
                if (row.keepOnline()) {
                    goOnline(row);
                }
            }
        }
        saveNow();
    }

    public Optional<TokenRow> find(Token token) {
        return Optional.ofNullable(byToken.get(token));
    }

    /** Probes the row's resolved address again (the lookup stays as it is). */
    public void probeAgain(TokenRow row) {
        row.resolved().ifPresent(resolved -> probe(row, row.generation(), resolved));
    }

    /**
     * Asks the resolved address whether a live puppet service answers there and, when it does, whether it takes
     * the token: a service that rejects it is a bot that will not start, which health alone cannot show.
     */
    private CompletableFuture<Void> probe(TokenRow row, long generation, Lookup.Resolved resolved) {
        row.setProbe(generation, RowProbe.PROBING);
        CompletableFuture<Void> shown = new CompletableFuture<>();
        prober.probeWithToken(row.token(), resolved.host(), resolved.port()).whenComplete((report, failure) -> {
            if (report == null) {
                shown.complete(null);
                return;
            }
            fx.post(() -> {
                try {
                    row.setProbe(generation, new RowProbe.Probed(report, clock.instant()));
                } finally {
                    shown.complete(null);
                }
            });
        });
        return shown;
    }

    public CompletableFuture<Void> checkAll() {
        return check(List.copyOf(rows));
    }

    /**
     * Looks the rows up at the current registry; at most the pool's limit run at once. Completes when
     * every row shows its answer and, where it resolved, its probe (the schedule waits for that).
     */
    public CompletableFuture<Void> check(Collection<TokenRow> toCheck) {
        List<TokenRow> all = List.copyOf(toCheck);
        Registry at = registry;
        List<CompletableFuture<Void>> shown = new ArrayList<>(all.size());
        // 10,000 rows start in slices, one per turn of the JavaFX thread, so frames keep coming.
        for (int from = 0; from < all.size(); from += FxQueue.BATCH) {
            List<TokenRow> slice = all.subList(from, Math.min(all.size(), from + FxQueue.BATCH));
            List<CompletableFuture<Void>> sliceShown = slice.stream().map(r -> new CompletableFuture<Void>()).toList();
            shown.addAll(sliceShown);
            if (from == 0) {
                start(slice, at, sliceShown);
            } else {
                fx.post(() -> start(slice, at, sliceShown));
            }
        }
        return CompletableFuture.allOf(shown.toArray(CompletableFuture[]::new));
    }

    private void start(List<TokenRow> slice, Registry at, List<CompletableFuture<Void>> shown) {
        for (int i = 0; i < slice.size(); i++) {
            TokenRow row = slice.get(i);
            CompletableFuture<Void> done = shown.get(i);
            long generation = row.startCheck();
            row.setProbe(generation, RowProbe.NONE);
            Token token = row.token();
            discovery.lookup(at, token).whenComplete((lookup, failure) -> {
                if (lookup == null) {
                    done.complete(null);
                    return;
                }
                RowCheck.Checked result = new RowCheck.Checked(lookup, at, clock.instant());
                fx.post(() -> {
                    try {
                        row.finishCheck(generation, result);
                        if (lookup instanceof Lookup.Resolved resolved) {
                            probe(row, generation, resolved).whenComplete((v, e) -> done.complete(null));
                            return;
                        }
                    } catch (RuntimeException e) {
                        done.complete(null);
                        throw e;
                    }
                    done.complete(null);
                });
            });
        }
    }

    /** Switches registry; every answer so far was about the old one, so everything is checked again. */
    public void setRegistry(Registry newRegistry) {
        if (!newRegistry.equals(registry)) {
            registry = newRegistry;
            rows.stream().filter(TokenRow::keepOnline).forEach(this::goOnline);
            checkAll();
        }
    }

    /**
     * Switches keep-online for a row, advertising {@code port}. The choice is saved, and switched-on
     * tokens resume when the app starts. Switching on again after a rejection retries (the user acted).
     */
    public void setKeepOnline(TokenRow row, boolean on, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 1..65535");
        }
        row.switchKeepOnline(on, port);
        if (on) {
            goOnline(row);
        } else {
            keepOnline.stop(row.token());
        }
        saveNow();
    }

    /** What a keep-online list did: the rows it added switched on, and the listed rows it switched on or moved to its port. */
    public record KeptFromList(List<TokenRow> added, List<TokenRow> switched) {
    }

    /**
     * A provider's list ({@code TOKEN=PORT} lines): tokens new to the list are added switched on with
     * their port; listed ones are switched on with the list's port. Saved once, however long the list.
     */
    public KeptFromList keepOnlineAll(Map<Token, Integer> wanted) {
        List<TokenRow> added = new ArrayList<>();
        List<TokenRow> switched = new ArrayList<>();
        wanted.forEach((token, port) -> {
            TokenRow row = byToken.get(token);
            if (row == null) {
                added.add(track(SavedToken.added(token, clock.instant()).withKeepOnline(true, port)));
            } else if (!row.keepOnline() || row.port() != port) {
                row.switchKeepOnline(true, port);
                goOnline(row);
                switched.add(row);
            }
        });
        if (!added.isEmpty()) {
            append(added);
            added.forEach(this::goOnline);
        } else if (!switched.isEmpty()) {
            saveNow();
        }
        return new KeptFromList(List.copyOf(added), List.copyOf(switched));
    }

    public KeepOnline engine() {
        return keepOnline;
    }

    /** Tries a retrying row's connection now instead of at the end of its wait. */
    public void retryNow(TokenRow row) {
        keepOnline.retryNow(row.token());
    }

    /** Asks the registry again whether it sends the row's token to us (round trip). */
    public void verify(TokenRow row) {
        keepOnline.verify(row.token());
    }

    /** Checks again whether something listens on the row's advertised local port. */
    public void checkLocalService(TokenRow row) {
        keepOnline.checkLocalService(row.token());
    }

    /** The engine's event log for the row's token, oldest first. */
    public List<LogEntry> log(TokenRow row) {
        return keepOnline.log(row.token());
    }

    private void goOnline(TokenRow row) {
        keepOnline.keep(row.token(), registry, row.port());
    }

    private void watch(TokenRow row) {
        row.labelProperty().addListener((o, was, now) -> saveNow());
        row.checkProperty().addListener((o, was, now) -> {
            if (byToken.get(row.token()) == row) {
                tally.move(was, now);
            }
        });
    }

    private void saveNow() {
        save.accept(rows.stream().map(TokenRow::toSaved).toList());
    }
}
