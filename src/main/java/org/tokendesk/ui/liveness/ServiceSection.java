package org.tokendesk.ui.liveness;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import javafx.beans.Observable;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

import org.tokendesk.i18n.ChainWords;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.probe.TokenCheck;
import org.tokendesk.ui.Tone;
import org.tokendesk.ui.model.DetailSection;
import org.tokendesk.ui.model.DetailSection.Selection;
import org.tokendesk.ui.model.RowProbe;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/** The "Service" tab: is a live puppet service behind the resolved address, and what was checked to say so. */
public final class ServiceSection implements DetailSection {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    private final TokenListModel model;
    private final Label outcome = new Label();
    private final Label probedAt = new Label();
    private final Label tokenCall = new Label();
    private final ListView<String> checks = new ListView<>();
    private final Button again = new Button(Text.get("live.again"));
    private final VBox view = new VBox(10);
    private final Selection selected;

    public ServiceSection(TokenListModel model, Selection selected) {
        this.model = model;
        this.selected = selected;
        outcome.setId("serviceOutcome");
        outcome.setWrapText(true);
        tokenCall.setId("serviceTokenCall");
        tokenCall.setWrapText(true);
        checks.setId("serviceChecks");
        checks.setPrefHeight(90);
        checks.setPlaceholder(new Label("—"));
        again.setId("probeAgain");
        again.setOnAction(e -> model.probeAgain(selected.current()));
        Label help = new Label(Text.get("live.help"));
        help.setWrapText(true);
        help.getStyleClass().add(Styles.TEXT_MUTED);
        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(6);
        facts.addRow(0, muted("live.outcome"), outcome, again);
        facts.addRow(1, muted("live.tokenCall"), tokenCall);
        facts.addRow(2, muted("live.probed"), probedAt);
        GridPane.setHgrow(tokenCall, Priority.ALWAYS);
        GridPane.setHgrow(outcome, Priority.ALWAYS);
        view.getChildren().addAll(help, facts, muted("live.checks"), checks);
        view.setPadding(new Insets(10, 12, 10, 12));
        VBox.setVgrow(checks, Priority.ALWAYS);
        ObservableValue<RowProbe> probe = selected.follow(TokenRow::probeProperty);
        // Invalidation, not change: another row with an equal probe still needs its own button state.
        probe.addListener((Observable o) -> refresh(probe.getValue()));
        refresh(probe.getValue());
    }

    @Override
    public String title() {
        return Text.get("live.tab");
    }

    @Override
    public Node view() {
        return view;
    }

    private void refresh(RowProbe probe) {
        TokenRow row = selected.current();
        if (row == null || probe == null) {
            return;
        }
        outcome.setText(ProbeWords.full(probe));
        ProbeWords.tone(probe).apply(outcome);
        if (probe instanceof RowProbe.Probed p) {
            checks.getItems().setAll(Words.checks(p.report()));
            probedAt.setText(WHEN.format(p.at()));
            // No call is made when health did not answer: the service never got as far as the token.
            tokenCall.setText(p.report().tokenCheck().map(ChainWords::tokenCheck).orElse("—"));
            Tone tone = p.report().tokenCheck().map(t -> t instanceof TokenCheck.Accepted ? Tone.OK
                    : t instanceof TokenCheck.Rejected ? Tone.ERROR : Tone.WARN).orElse(Tone.MUTED);
            tone.apply(tokenCall);
        } else {
            tokenCall.setText("—");
            Tone.MUTED.apply(tokenCall);
            checks.getItems().clear();
            probedAt.setText("—");
        }
        again.setDisable(row.resolved().isEmpty() || probe instanceof RowProbe.Probing);
    }

    private static Label muted(String key) {
        Label l = new Label(Text.get(key));
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }
}
