package org.tokendesk.ui.keeponline;

import java.time.Instant;
import java.util.List;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;

import org.tokendesk.i18n.Text;
import org.tokendesk.registration.KeptToken;
import org.tokendesk.registration.LocalService;
import org.tokendesk.registration.LogEntry;
import org.tokendesk.registration.RegistrationState;
import org.tokendesk.i18n.RegistrationWords;
import org.tokendesk.registration.Verification;
import org.tokendesk.ui.Ticker;
import org.tokendesk.ui.Tone;
import org.tokendesk.ui.model.DetailSection;
import org.tokendesk.ui.model.DetailSection.Selection;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/**
 * The "Keep online" tab: the switch and port, the live state, the round-trip verification, the
 * local service check and the token's event log.
 */
public final class KeepOnlineSection implements DetailSection {
    private final TokenListModel model;
    private final ToggleSwitch toggle = new ToggleSwitch();
    private final TextField port = new TextField();
    private final Label portProblem = new Label();
    private final Label state = new Label();
    private final Label verification = new Label();
    private final Label local = new Label();
    private final Button retry = new Button(Text.get("keep.retryNow"));
    private final Button verify = new Button(Text.get("keep.verify"));
    private final Button checkLocal = new Button(Text.get("keep.checkLocal"));
    private final ListView<String> log = new ListView<>();
    private final VBox view = new VBox(10);
    private final ScrollPane scroller = new ScrollPane(view);
    private final InvalidationListener refresh = this::refresh;
    private final Selection selected;
    private boolean updating;

    public KeepOnlineSection(TokenListModel model, Selection selected) {
        this.model = model;
        this.selected = selected;
        toggle.setId("keepSwitch");
        port.setId("keepPort");
        port.setPrefColumnCount(6);
        port.setTooltip(new Tooltip(Text.get("keep.port.tooltip")));
        portProblem.setId("keepPortProblem");
        Tone.ERROR.apply(portProblem);
        state.setId("keepState");
        state.setWrapText(true);
        verification.setId("keepVerification");
        verification.setWrapText(true);
        local.setId("keepLocal");
        local.setWrapText(true);
        log.setId("keepLog");
        // A log: compact lines, as many as the pane has room for.
        log.getStyleClass().add(Styles.DENSE);
        log.setPrefHeight(120);
        log.setPlaceholder(new Label(Text.get("keep.log.empty")));
        retry.setId("keepRetry");
        verify.setId("keepVerify");
        checkLocal.setId("keepCheckLocal");

        toggle.selectedProperty().addListener((o, was, on) -> {
            if (!updating && row() != null) {
                apply(on);
            }
        });
        port.setOnAction(e -> {
            if (row() != null && row().keepOnline()) {
                apply(true);
            }
        });
        retry.setOnAction(e -> model.retryNow(row()));
        verify.setOnAction(e -> model.verify(row()));
        checkLocal.setOnAction(e -> model.checkLocalService(row()));

        Label portLabel = new Label(Text.get("keep.port"));
        portLabel.setLabelFor(port);
        // AtlantaFX's switch reacts only to clicks on its track: the words beside it must toggle it too.
        Label switchLabel = new Label(Text.get("keep.switch"));
        switchLabel.setLabelFor(toggle);
        switchLabel.setOnMouseClicked(e -> toggle.setSelected(!toggle.isSelected()));
        HBox controls = new HBox(8, toggle, switchLabel, portLabel, port, portProblem);
        HBox.setMargin(portLabel, new Insets(0, 0, 0, 16));
        controls.setAlignment(Pos.CENTER_LEFT);
        Label help = new Label(Text.get("keep.help"));
        help.getStyleClass().add(Styles.TEXT_MUTED);
        help.setWrapText(true);
        // In a short pane the event log gives up room, not the explanation (it was cut to one line).
        help.setMinHeight(Region.USE_PREF_SIZE);

        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(6);
        facts.addRow(0, muted("keep.state"), state, retry);
        facts.addRow(1, muted("keep.verification"), verification, verify);
        facts.addRow(2, muted("keep.local"), local, checkLocal);
        GridPane.setHgrow(state, Priority.ALWAYS);

        view.getChildren().addAll(controls, help, facts, muted("keep.log"), log);
        view.setPadding(new Insets(10, 12, 10, 12));
        VBox.setVgrow(log, Priority.ALWAYS);
        // In a short pane (the window's first size) the log shrinks to a few lines, then the tab scrolls: nothing is cut off.
        log.setMinHeight(80);
        scroller.setFitToWidth(true);
        scroller.setFitToHeight(true);

        selected.row().addListener((o, was, now) -> show(now));
        selected.follow(TokenRow::keepOnlineProperty).addListener((o, was, now) -> refresh(null));
        selected.follow(TokenRow::keptProperty).addListener((o, was, now) -> refresh(null));
        ObservableValue<Number> logLines = selected.follow(TokenRow::logLinesProperty);
        logLines.addListener((o, was, now) -> refreshLog());
        show(selected.current());
    }

    @Override
    public String title() {
        return Text.get("keep.tab");
    }

    @Override
    public Node view() {
        return scroller;
    }

    private void show(TokenRow row) {
        Ticker.seconds().removeListener(refresh);
        portProblem.setText("");
        if (row == null) {
            return;
        }
        port.setText(Integer.toString(row.port()));
        refresh(null);
        refreshLog();
    }

    /** Switches on (with the port typed, validated first) or off. A bad port changes nothing. */
    private void apply(boolean on) {
        Integer wanted = parsePort(port.getText());
        if (on && wanted == null) {
            portProblem.setText(Text.get("keep.port.invalid"));
            refresh(null);
            return;
        }
        portProblem.setText("");
        model.setKeepOnline(row(), on, wanted == null ? row().port() : wanted);
    }

    static Integer parsePort(String text) {
        try {
            int p = Integer.parseInt(text.strip());
            return p >= 1 && p <= 65535 ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void refresh(Observable ignored) {
        if (row() == null) {
            return;
        }
        KeptToken kept = row().keptProperty().get();
        boolean on = row().keepOnline();
        updating = true;
        toggle.setSelected(on);
        updating = false;
        state.setText(OnlineWords.full(on, kept, Instant.now()));
        OnlineWords.tone(on, kept).apply(state);
        boolean engaged = on && kept != null;
        Verification v = engaged ? kept.verification() : new Verification.NotChecked();
        verification.setText(engaged ? RegistrationWords.of(v) : "—");
        (RegistrationWords.isProblem(v) ? Tone.WARN : v instanceof Verification.Verified ? Tone.OK : Tone.MUTED).apply(verification);
        LocalService l = engaged ? kept.localService() : new LocalService.NotChecked();
        local.setText(engaged ? RegistrationWords.of(l) : "—");
        (l instanceof LocalService.NotListening ? Tone.WARN : l instanceof LocalService.Listening ? Tone.OK : Tone.MUTED).apply(local);
        retry.setDisable(!(engaged && kept.state() instanceof RegistrationState.Retrying));
        verify.setDisable(!(engaged && kept.state() instanceof RegistrationState.Online));
        checkLocal.setDisable(!engaged);
        Ticker.seconds().removeListener(refresh);
        if (OnlineWords.countsDown(kept)) {
            Ticker.seconds().addListener(refresh);
        }
    }

    private void refreshLog() {
        if (row() == null) {
            return;
        }
        List<LogEntry> entries = model.log(row());
        log.getItems().setAll(entries.stream()
                .map(e -> RegistrationWords.time(e.at()) + "  " + RegistrationWords.of(e)).toList());
        if (!entries.isEmpty()) {
            log.scrollTo(entries.size() - 1);
        }
    }

    private TokenRow row() {
        return selected.current();
    }

    private static Label muted(String key) {
        Label l = new Label(Text.get(key));
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }
}
