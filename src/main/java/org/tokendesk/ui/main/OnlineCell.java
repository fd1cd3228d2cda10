package org.tokendesk.ui.main;

import java.time.Instant;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

import atlantafx.base.controls.ToggleSwitch;

import org.tokendesk.i18n.Text;
import org.tokendesk.ui.Ticker;
import org.tokendesk.ui.keeponline.OnlineWords;
import org.tokendesk.ui.model.TokenRow;
import org.tokendesk.ui.model.TokenListModel;

/** The "Keep online" switch of a row and its live state in a few words. */
final class OnlineCell extends TableCell<TokenRow, TokenRow> {
    private final TokenListModel model;
    private final ToggleSwitch toggle = new ToggleSwitch();
    private final Label state = new Label();
    private final HBox box = new HBox(6, toggle, state);
    private final InvalidationListener refresh = this::refresh;
    private TokenRow row;
    private boolean updating;

    OnlineCell(TokenListModel model) {
        this.model = model;
        box.setAlignment(Pos.CENTER_LEFT);
        toggle.getStyleClass().add("online-toggle");
        toggle.setFocusTraversable(false);
        toggle.setTooltip(new Tooltip(Text.get("ui.online.tooltip")));
        toggle.selectedProperty().addListener((o, was, now) -> {
            if (!updating && row != null && now != row.keepOnline()) {
                model.setKeepOnline(row, now, row.port());
            }
        });
    }

    @Override
    protected void updateItem(TokenRow item, boolean empty) {
        super.updateItem(item, empty);
        if (row != null) {
            row.keepOnlineProperty().removeListener(refresh);
            row.keptProperty().removeListener(refresh);
            Ticker.seconds().removeListener(refresh);
        }
        row = empty ? null : item;
        if (row == null) {
            setGraphic(null);
            return;
        }
        row.keepOnlineProperty().addListener(refresh);
        row.keptProperty().addListener(refresh);
        refresh(null);
        setGraphic(box);
    }

    private void refresh(Observable ignored) {
        updating = true;
        toggle.setSelected(row.keepOnline());
        updating = false;
        state.setText(OnlineWords.brief(row.keepOnline(), row.keptProperty().get(), Instant.now()));
        OnlineWords.tone(row.keepOnline(), row.keptProperty().get()).apply(state);
        // Only a countdown needs the clock; the rest changes when the engine reports.
        Ticker.seconds().removeListener(refresh);
        if (OnlineWords.countsDown(row.keptProperty().get())) {
            Ticker.seconds().addListener(refresh);
        }
    }
}
