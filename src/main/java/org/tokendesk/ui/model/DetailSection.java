package org.tokendesk.ui.model;

import java.util.function.Function;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;

/**
 * A tab below the table about the selected token. A section binds once, in its constructor, to the
 * {@link Selection} it is given, instead of re-subscribing by hand on every change.
 */
public interface DetailSection {
    String title();

    Node view();

    /**
     * The selected row (null when none is), and whether the pane showing it is in a window.
     * {@link #follow} observes a row only while the pane is live: a window rebuilt for another
     * language leaves its old sections to the collector instead of keeping them alive through the rows.
     */
    record Selection(ObservableValue<TokenRow> row, ObservableValue<Boolean> live) {
        public <T> ObservableValue<T> follow(Function<TokenRow, ObservableValue<T>> part) {
            return row.flatMap(part).when(live);
        }

        public TokenRow current() {
            return row.getValue();
        }
    }
}
