package org.tokendesk.ui.everywhere;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.WindowEvent;

import okhttp3.OkHttpClient;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.i18n.Diagnostics;
import org.tokendesk.everywhere.Everywhere;
import org.tokendesk.everywhere.RegistryList;
import org.tokendesk.everywhere.RegistryOutcome;
import org.tokendesk.everywhere.Sweep;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.ExtraTrust;
import org.tokendesk.token.Token;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.model.RowCheck;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/**
 * "Check everywhere" in the window: on request for the selected rows, and by itself for every row the
 * chosen registry does not know. Either way the row's own check comes first (so the row's state and the
 * sweep agree) and the sweep reuses its answer. Sweeps run through a {@link SweepQueue}; the rows the
 * user asks about or looks at go first. Lives on the JavaFX thread.
 */
public final class CheckEverywhere implements AutoCloseable {
    /** Lookups at once for sweeps, on a pool apart from the list's checks so "Check all" cannot starve them. */
    public static final int MAX_LOOKUPS = 8;

    private final TokenListModel model;
    private final SweepQueue queue;
    private final Supplier<RegistryList> registries;
    private final Function<Registry, List<Registry>> toAsk;
    private final Map<TokenRow, RowState> states = new IdentityHashMap<>();
    private TableView<TokenRow> table;

    /**
     * @param pool a lookup pool for sweeps only, of {@code maxLookups} threads (closed with this)
     * @param registries the user's list, for the diagnostics report
     * @param toAsk every registry to ask for a chosen one, the chosen one first
     */
    public CheckEverywhere(TokenListModel model, DiscoveryClient pool, int maxLookups, Supplier<RegistryList> registries,
            Function<Registry, List<Registry>> toAsk) {
        this.model = model;
        this.queue = new SweepQueue(pool, maxLookups);
        this.registries = registries;
        this.toAsk = toAsk;
        model.rows().forEach(this::watch);
        model.rows().addListener((ListChangeListener<TokenRow>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(this::forget);
                change.getAddedSubList().forEach(this::watch);
            }
        });
    }

    /** The app's wiring: the public registries plus the user's, read from settings at each sweep. */
    public static CheckEverywhere forApp(OkHttpClient http, TokenListModel model, Supplier<RegistryList> registries) {
        return forApp(http, null, model, registries);
    }

    /** @param trust the registry on this computer's CA, trusted at its address only ({@code null}: none) */
    public static CheckEverywhere forApp(OkHttpClient http, ExtraTrust trust, TokenListModel model, Supplier<RegistryList> registries) {
        return new CheckEverywhere(model, new DiscoveryClient(http, MAX_LOOKUPS).trust(trust), MAX_LOOKUPS, registries,
                chosen -> registries.get().toAsk(chosen));
    }

    /** Adds the button, the row menu items and the Registries tab to a (new) main window. */
    public void install(MainWindow window) {
        table = window.table();
        Button button = new Button(Text.get("everywhere.ui.check"));
        button.setId("checkEverywhereButton");
        button.setTooltip(new Tooltip(Text.get("everywhere.ui.check.tooltip")));
        button.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        button.setOnAction(e -> checkEverywhere(selected()));
        MenuItem check = new MenuItem(Text.get("everywhere.ui.check"));
        check.setId("checkEverywhereItem");
        check.setOnAction(e -> checkEverywhere(selected()));
        MenuItem diagnostics = new MenuItem(Text.get("everywhere.ui.diagnostics"));
        diagnostics.setId("copyDiagnosticsItem");
        diagnostics.setOnAction(e -> diagnostics(selected()).ifPresent(text -> {
            copy(text);
            window.tell(Text.get("everywhere.ui.diagnostics.copiedRows", sweeps(selected()).size()));
        }));
        window.addCheckActions(button, List.of(check, diagnostics));
        if (table.getContextMenu() != null) {
            table.getContextMenu().addEventHandler(WindowEvent.WINDOW_SHOWING,
                    e -> diagnostics.setDisable(sweeps(selected()).isEmpty()));
        }
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> lookingAt(now));
        window.detail().addTab(new RegistriesTab(this, window.detail().selection()));
        // The window is new when the language changes: words already on rows follow it.
        states.values().forEach(RowState::repaint);
    }

    /** Checks the rows at the chosen registry again, then asks every other registry. */
    public void checkEverywhere(Collection<TokenRow> rows) {
        List<TokenRow> asked = new ArrayList<>();
        for (TokenRow row : rows) {
            RowState state = states.get(row);
            if (state != null) {
                state.ticket++;
                state.set(RowSweep.WAITING);
                asked.add(row);
            }
        }
        model.check(asked);
    }

    /** Where the row's check everywhere stands; follows the row as sweeps come and go. */
    public ReadOnlyObjectProperty<RowSweep> sweepOf(TokenRow row) {
        RowState state = states.get(row);
        return state != null ? state.sweep : new SimpleObjectProperty<>(RowSweep.NONE);
    }

    /** The registries a sweep from {@code chosen} asks, the chosen one first. */
    public List<Registry> toAsk(Registry chosen) {
        return toAsk.apply(chosen);
    }

    public Registry chosen() {
        return model.registry();
    }

    /** The shareable report for those of the rows that have a finished sweep; every token masked. */
    public Optional<String> diagnostics(Collection<TokenRow> rows) {
        List<Sweep> sweeps = sweeps(rows);
        return sweeps.isEmpty() ? Optional.empty()
                : Optional.of(Diagnostics.markdown(sweeps, registries.get(), Diagnostics.Environment.current(), false));
    }

    static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private List<Sweep> sweeps(Collection<TokenRow> rows) {
        List<Sweep> sweeps = new ArrayList<>();
        for (TokenRow row : rows) {
            if (sweepOf(row).get() instanceof RowSweep.Done done) {
                sweeps.add(done.sweep());
            }
        }
        return sweeps;
    }

    private List<TokenRow> selected() {
        return table == null ? List.of() : List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    private void watch(TokenRow row) {
        if (states.containsKey(row)) {
            return;
        }
        RowState state = new RowState(row);
        states.put(row, state);
        row.checkProperty().addListener(state.onCheck);
        // A row put back by undo keeps its last check: follow it up as if it had just come in.
        if (row.check() instanceof RowCheck.Checked c && Everywhere.worthAskingElsewhere(c.lookup())) {
            state.enqueue(c, false);
        }
    }

    private void forget(TokenRow row) {
        RowState state = states.remove(row);
        if (state != null) {
            row.checkProperty().removeListener(state.onCheck);
            state.ticket++;
            row.showHint(null);
        }
    }

    /** The row the user looks at goes to the front of the queue. */
    private void lookingAt(TokenRow row) {
        RowState state = row == null ? null : states.get(row);
        if (state != null && state.sweep.get() instanceof RowSweep.Queued queued) {
            state.ticket++;
            queue.submit(state.new RowJob(state.ticket, queued.chosen(), queued.atChosen(), queued.toAsk()), true);
        }
    }

    @Override
    public void close() {
        queue.close();
    }

    /** One row's sweep and the ticket that tells a current job from a stale one. */
    private final class RowState {
        private final TokenRow row;
        private final SimpleObjectProperty<RowSweep> sweep = new SimpleObjectProperty<>(RowSweep.NONE);
        private long ticket;
        private final ChangeListener<RowCheck> onCheck = (o, was, now) -> {
            if (now instanceof RowCheck.Checked c) {
                checked(c);
            }
        };

        RowState(TokenRow row) {
            this.row = row;
        }

        void set(RowSweep next) {
            sweep.set(next);
            repaint();
        }

        void repaint() {
            row.showHint(RowHints.of(sweep.get()).orElse(null));
        }

        private void checked(RowCheck.Checked c) {
            boolean asked = sweep.get() instanceof RowSweep.Waiting;
            if (asked || Everywhere.worthAskingElsewhere(c.lookup())) {
                enqueue(c, asked || (table != null && table.getSelectionModel().getSelectedItem() == row));
            } else {
                // Known where the SDK asks (or that registry failed): an older sweep would only mislead.
                ticket++;
                set(RowSweep.NONE);
            }
        }

        void enqueue(RowCheck.Checked c, boolean first) {
            long mine = ++ticket;
            List<Registry> ask = toAsk.apply(c.registry());
            set(new RowSweep.Queued(c.registry(), c.lookup(), ask));
            queue.submit(new RowJob(mine, c.registry(), c.lookup(), ask), first);
        }

        private final class RowJob implements SweepQueue.Job {
            private final long ticket;
            private final Registry chosen;
            private final Lookup atChosen;
            private final List<Registry> ask;
            private final List<RegistryOutcome> heard = new ArrayList<>();

            RowJob(long ticket, Registry chosen, Lookup atChosen, List<Registry> ask) {
                this.ticket = ticket;
                this.chosen = chosen;
                this.atChosen = atChosen;
                this.ask = ask;
                heard.add(new RegistryOutcome(chosen, atChosen));
            }

            @Override
            public Token token() {
                return row.token();
            }

            @Override
            public Registry chosen() {
                return chosen;
            }

            @Override
            public Lookup atChosen() {
                return atChosen;
            }

            @Override
            public List<Registry> toAsk() {
                return ask;
            }

            @Override
            public boolean wanted() {
                return RowState.this.ticket == ticket && states.get(row) == RowState.this;
            }

            @Override
            public void started() {
                set(new RowSweep.Running(chosen, ask, heard));
            }

            @Override
            public void heard(RegistryOutcome outcome) {
                if (wanted()) {
                    heard.add(outcome);
                    set(new RowSweep.Running(chosen, ask, heard));
                }
            }

            @Override
            public void done(Sweep done) {
                if (wanted()) {
                    set(new RowSweep.Done(done));
                }
            }
        }
    }
}
