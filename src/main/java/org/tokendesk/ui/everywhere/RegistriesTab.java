package org.tokendesk.ui.everywhere;

import java.util.List;
import java.util.Optional;

import javafx.animation.PauseTransition;
import javafx.beans.Observable;
import javafx.beans.value.ObservableValue;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import atlantafx.base.theme.Styles;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.i18n.EverywhereWords;
import org.tokendesk.everywhere.RegistryOutcome;
import org.tokendesk.everywhere.Sweep;
import org.tokendesk.everywhere.Verdict;
import org.tokendesk.i18n.Text;
import org.tokendesk.ui.model.DetailSection;
import org.tokendesk.ui.model.DetailSection.Selection;
import org.tokendesk.ui.model.TokenRow;
import org.tokendesk.ui.Tone;

/**
 * The Registries tab: per registry what it answered and how fast, as the answers arrive; the verdict in
 * plain words; the fix ready to copy; and the diagnostics report. Shows no token at all.
 */
final class RegistriesTab implements DetailSection {
    private final CheckEverywhere feature;
    private final ScrollPane root;
    private final Button check = new Button(Text.get("everywhere.ui.check"));
    private final Button diagnostics = new Button(Text.get("everywhere.ui.diagnostics"));
    private final Label diagnosticsCopied = new Label();
    private final PauseTransition fade = new PauseTransition(Duration.seconds(4));
    private final Label status = new Label();
    private final GridPane answers = new GridPane();
    private final Label headline = new Label();
    private final VBox explanation = new VBox(4);
    private final FixView fix = new FixView();
    private final Selection selected;

    RegistriesTab(CheckEverywhere feature, Selection selected) {
        this.feature = feature;
        this.selected = selected;
        check.setId("tabCheckEverywhere");
        check.setTooltip(new Tooltip(Text.get("everywhere.ui.check.tooltip")));
        check.setOnAction(e -> {
            if (selected.current() != null) {
                feature.checkEverywhere(List.of(selected.current()));
            }
        });
        diagnostics.setId("copyDiagnostics");
        diagnostics.setTooltip(new Tooltip(Text.get("everywhere.ui.diagnostics.tooltip")));
        diagnostics.setOnAction(e -> copyDiagnostics());
        diagnosticsCopied.setId("diagnosticsCopied");
        Tone.OK.apply(diagnosticsCopied);
        fade.setOnFinished(e -> diagnosticsCopied.setText(""));
        status.setId("everywhereStatus");
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        HBox buttons = new HBox(8, check, diagnostics, diagnosticsCopied);
        buttons.setAlignment(Pos.CENTER_LEFT);

        answers.setId("everywhereAnswers");
        answers.getStyleClass().add("everywhere-answers");
        answers.setHgap(16);
        answers.setVgap(4);
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints outcome = new ColumnConstraints();
        outcome.setHgrow(Priority.ALWAYS);
        ColumnConstraints time = new ColumnConstraints();
        time.setMinWidth(Region.USE_PREF_SIZE);
        time.setHalignment(HPos.RIGHT);
        answers.getColumnConstraints().addAll(name, outcome, time);
        headline.setId("everywhereVerdict");
        headline.setWrapText(true);
        headline.getStyleClass().add(Styles.TEXT_BOLD);
        explanation.setId("everywhereExplanation");

        VBox left = new VBox(10, buttons, status, answers, headline, explanation);
        left.setMinWidth(320);
        left.setPrefWidth(580);
        HBox.setHgrow(left, Priority.ALWAYS);
        VBox right = (VBox) fix.view();
        right.setPrefWidth(560);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox content = new HBox(24, left, right);
        content.setPadding(new Insets(10, 12, 10, 12));
        content.getStyleClass().add("registries-tab");
        root = new ScrollPane(content);
        root.setId("registriesTab");
        root.setFitToWidth(true);
        ObservableValue<RowSweep> sweep = selected.follow(feature::sweepOf);
        // Invalidation, not change: another row in the same state is painted for itself.
        sweep.addListener((Observable o) -> paint(sweep.getValue()));
        paint(sweep.getValue());
    }

    @Override
    public String title() {
        return Text.get("everywhere.ui.tab");
    }

    @Override
    public Node view() {
        return root;
    }

    private void paint(RowSweep sweep) {
        if (sweep == null) {
            return;
        }
        answers.getChildren().clear();
        explanation.getChildren().clear();
        headline.setText("");
        Tone.clear(headline);
        diagnostics.setDisable(!(sweep instanceof RowSweep.Done));
        Registry chosen = feature.chosen();
        if (sweep instanceof RowSweep.Waiting) {
            status.setText(Text.get("everywhere.ui.waiting", chosen.displayName()));
            pending(feature.toAsk(chosen), chosen, List.of(), "everywhere.ui.pending");
        } else if (sweep instanceof RowSweep.Queued queued) {
            status.setText(Text.get("everywhere.ui.queued", queued.chosen().displayName()));
            pending(queued.toAsk(), queued.chosen(), List.of(new RegistryOutcome(queued.chosen(), queued.atChosen())),
                    "everywhere.ui.queuedCell");
        } else if (sweep instanceof RowSweep.Running running) {
            status.setText(Text.get("everywhere.ui.running", running.toAsk().size() - 1));
            pending(running.toAsk(), running.chosen(), running.outcomes(), "everywhere.ui.pending");
        } else if (sweep instanceof RowSweep.Done done) {
            showDone(done.sweep());
            return;
        } else {
            status.setText(Text.get("everywhere.ui.none", EverywhereWords.names(feature.toAsk(chosen))));
        }
        fix.show(List.of());
    }

    private void showDone(Sweep sweep) {
        status.setText(Text.get("everywhere.ui.done", sweep.outcomes().size()));
        int row = header();
        for (RegistryOutcome o : sweep.outcomes()) {
            answer(row++, o.registry(), sweep.isChosen(o), Optional.of(o.lookup()), null);
        }
        Verdict verdict = sweep.verdict();
        headline.setText(EverywhereWords.headline(verdict));
        verdictTone(verdict).apply(headline);
        for (String line : EverywhereWords.explanation(verdict)) {
            Label l = new Label(line);
            l.setWrapText(true);
            explanation.getChildren().add(l);
        }
        fix.show(verdict.fixes());
    }

    /** The registries asked so far with their answers, the rest marked as still waiting. */
    private void pending(List<Registry> toAsk, Registry chosen, List<RegistryOutcome> heard, String waitingKey) {
        int row = header();
        for (Registry r : toAsk) {
            Optional<Lookup> answer = heard.stream().filter(o -> o.registry().equals(r)).map(RegistryOutcome::lookup).findFirst();
            answer(row++, r, r.equals(chosen), answer, waitingKey);
        }
    }

    private int header() {
        answers.addRow(0, muted(Text.get("everywhere.column.registry")), muted(Text.get("everywhere.column.outcome")),
                muted(Text.get("everywhere.column.latency")));
        return 1;
    }

    private void answer(int row, Registry registry, boolean chosen, Optional<Lookup> lookup, String waitingKey) {
        Label name = new Label(registry.displayName());
        name.getStyleClass().add("registry-name");
        Node nameCell = name;
        if (chosen) {
            Label mark = muted(Text.get("everywhere.chosenMark"));
            mark.getStyleClass().add(Styles.TEXT_SMALL);
            nameCell = new VBox(0, name, mark);
        }
        Label outcome = new Label(lookup.map(EverywhereWords::outcome).orElseGet(() -> Text.get(waitingKey)));
        outcome.setWrapText(true);
        lookup.map(RegistriesTab::outcomeTone).orElse(Tone.MUTED).apply(outcome);
        Label time = muted(lookup.map(EverywhereWords::latency).orElse(""));
        answers.addRow(row, nameCell, outcome, time);
        GridPane.setValignment(outcome, VPos.TOP);
        GridPane.setValignment(time, VPos.TOP);
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    static Tone outcomeTone(Lookup lookup) {
        if (lookup instanceof Lookup.Resolved) {
            return Tone.OK;
        }
        if (lookup instanceof Lookup.Unreachable || lookup instanceof Lookup.NotRegistered) {
            return Tone.WARN;
        }
        return Tone.ERROR;
    }

    static Tone verdictTone(Verdict verdict) {
        if (verdict instanceof Verdict.FineAtChosen fine) {
            return fine.serviceUnreachable() ? Tone.WARN : Tone.OK;
        }
        if (verdict instanceof Verdict.RegisteredElsewhere || verdict instanceof Verdict.RegisteredAtSeveral) {
            return Tone.FOUND;
        }
        return verdict instanceof Verdict.RegisteredNowhere ? Tone.WARN : Tone.ERROR;
    }

    private void copyDiagnostics() {
        TokenRow shown = selected.current();
        if (shown == null) {
            return;
        }
        feature.diagnostics(List.of(shown)).ifPresent(text -> {
            CheckEverywhere.copy(text);
            diagnosticsCopied.setText(Text.get("everywhere.ui.diagnostics.copied"));
            fade.playFromStart();
        });
    }
}
