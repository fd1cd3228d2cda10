package org.tokendesk.ui.history;

import java.time.Clock;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;

import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;

import org.tokendesk.discovery.Registry;
import org.tokendesk.history.History;
import org.tokendesk.history.KeptStates;
import org.tokendesk.history.Observed;
import org.tokendesk.ui.model.RowCheck;
import org.tokendesk.ui.model.RowProbe;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/**
 * Records what reaches the window's model: each finished check and probe of a row, and each change of
 * keep-online state (not every update of the same state: answered port queries are not history).
 * Watches the model from outside, so the model knows nothing of the history.
 */
public final class HistoryRecording {
    private final History history;
    private final Consumer<Observed> also;
    private final Clock clock;
    /** Rows already watched: a row removed and put back by undo is the same row. */
    private final Set<TokenRow> watched = Collections.newSetFromMap(new WeakHashMap<>());

    private HistoryRecording(History history, Consumer<Observed> also, Clock clock) {
        this.history = history;
        this.also = also;
        this.clock = clock;
    }

    /** Call on the JavaFX thread before the model loads its rows. */
    public static HistoryRecording install(TokenListModel model, History history) {
        return install(model, history, observed -> { });
    }

    /** Also hands every recorded event to {@code also} (the outage alerts), on the thread that saw it. */
    public static HistoryRecording install(TokenListModel model, History history, Consumer<Observed> also) {
        HistoryRecording recording = new HistoryRecording(history, also, model.clock());
        model.rows().forEach(recording::watch);
        model.rows().addListener((ListChangeListener<TokenRow>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(recording::watch);
            }
        });
        model.engine().addListener(new KeptStates(recording::record, recording.clock));
        return recording;
    }

    private void watch(TokenRow row) {
        if (!watched.add(row)) {
            return;
        }
        ChangeListener<RowCheck> onCheck = (o, was, now) -> {
            if (now instanceof RowCheck.Checked c) {
                record(Observed.lookup(row.token(), c.registry(), c.lookup(), c.at()));
            }
        };
        ChangeListener<RowProbe> onProbe = (o, was, now) -> {
            if (now instanceof RowProbe.Probed p) {
                Registry at = row.check() instanceof RowCheck.Checked c ? c.registry() : null;
                record(Observed.probe(row.token(), at, p.report(), p.at()));
            }
        };
        row.checkProperty().addListener(onCheck);
        row.probeProperty().addListener(onProbe);
    }

    /** On the JavaFX thread (checks, probes) and the engine's (keep-online states). */
    private void record(Observed observed) {
        history.record(observed);
        also.accept(observed);
    }
}
