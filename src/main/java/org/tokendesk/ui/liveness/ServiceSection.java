package org.tokendesk.ui.liveness;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.ui.main.DetailPane;
import org.tokendesk.ui.main.RowProbe;
import org.tokendesk.ui.main.TokenListModel;
import org.tokendesk.ui.main.TokenRow;

/** The "Service" tab: is a live puppet service behind the resolved address, and what was checked to say so. */
public final class ServiceSection implements DetailPane.Section {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    private final TokenListModel model;
    private final Label outcome = new Label();
    private final Label probedAt = new Label();
    private final ListView<String> checks = new ListView<>();
    private final Button again = new Button(Text.get("live.again"));
    private final VBox view = new VBox(10);
    private final ChangeListener<RowProbe> onProbe = (o, was, now) -> refresh(now);
    private TokenRow row;

    public ServiceSection(TokenListModel model) {
        this.model = model;
        outcome.setId("serviceOutcome");
        outcome.setWrapText(true);
        checks.setId("serviceChecks");
        checks.setPrefHeight(90);
        checks.setPlaceholder(new Label("—"));
        again.setId("probeAgain");
        again.setOnAction(e -> model.probeAgain(row));
        Label help = new Label(Text.get("live.help"));
        help.setWrapText(true);
        help.getStyleClass().add("text-muted");
        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(6);
        facts.addRow(0, muted("live.outcome"), outcome, again);
        facts.addRow(1, muted("live.probed"), probedAt);
        GridPane.setHgrow(outcome, Priority.ALWAYS);
        view.getChildren().addAll(help, facts, muted("live.checks"), checks);
        view.setPadding(new Insets(10, 12, 10, 12));
        VBox.setVgrow(checks, Priority.ALWAYS);
    }

    @Override
    public String title() {
        return Text.get("live.tab");
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void show(TokenRow newRow) {
        if (row != null) {
            row.probeProperty().removeListener(onProbe);
        }
        row = newRow;
        if (row != null) {
            row.probeProperty().addListener(onProbe);
            refresh(row.probeProperty().get());
        }
    }

    private void refresh(RowProbe probe) {
        outcome.setText(ProbeWords.full(probe));
        outcome.getStyleClass().removeIf(c -> c.startsWith("state-"));
        outcome.getStyleClass().add(ProbeWords.styleClass(probe));
        if (probe instanceof RowProbe.Probed p) {
            checks.getItems().setAll(Words.checks(p.report()));
            probedAt.setText(WHEN.format(p.at()));
        } else {
            checks.getItems().clear();
            probedAt.setText("—");
        }
        again.setDisable(row.resolved().isEmpty() || probe instanceof RowProbe.Probing);
    }

    private static Label muted(String key) {
        Label l = new Label(Text.get(key));
        l.getStyleClass().add("text-muted");
        return l;
    }
}
