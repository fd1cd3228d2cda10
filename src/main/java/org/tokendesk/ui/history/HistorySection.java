package org.tokendesk.ui.history;

import java.io.IOException;
import java.io.StringWriter;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;

import atlantafx.base.theme.Styles;

import org.tokendesk.history.Event;
import org.tokendesk.history.History;
import org.tokendesk.history.HistoryCsv;
import org.tokendesk.i18n.HistoryWords;
import org.tokendesk.history.Span;
import org.tokendesk.history.Timeline;
import org.tokendesk.i18n.Text;
import org.tokendesk.store.AtomicFile;
import org.tokendesk.ui.Tone;
import org.tokendesk.ui.model.DetailSection;
import org.tokendesk.ui.model.TokenRow;

/** The "History" tab: the selected token's timeline over 24 h, 7 or 30 days, its uptime and outages, and the events. */
public final class HistorySection implements DetailSection {
    static final int EVENTS_SHOWN = 200;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    private final History history;
    private final Clock clock;
    private final Consumer<String> tell;
    private final TimelineView timeline = new TimelineView();
    private final Label uptime = new Label();
    private final Label outages = new Label();
    private final Label notRunning = new Label();
    private final Label from = new Label();
    private final Label to = new Label();
    private final ListView<String> events = new ListView<>();
    private final Button export = new Button(Text.get("history.export"));
    private final ToggleGroup spans = new ToggleGroup();
    private final VBox view = new VBox(8);
    private final PauseTransition settle = new PauseTransition(Duration.seconds(1));
    private final InvalidationListener onChange = o -> settle.playFromStart();
    private TokenRow row;
    private Span span = Span.DAY;
    private long asked;

    /** The History tab of a window: follows the selection, only while the pane is in a window. */
    public HistorySection(History history, Clock clock, Consumer<String> tell, Selection selected) {
        this(history, clock, tell);
        selected.row().when(selected.live()).addListener((o, was, now) -> show(now));
        show(selected.current());
    }

    HistorySection(History history, Clock clock, Consumer<String> tell) {
        this.history = history;
        this.clock = clock;
        this.tell = tell;
        view.getStylesheets().add(HistorySection.class.getResource("history.css").toExternalForm());
        view.setId("historySection");
        view.setPadding(new Insets(10, 12, 10, 12));
        uptime.setId("historyUptime");
        uptime.getStyleClass().add(Styles.TITLE_4);
        outages.setId("historyOutages");
        notRunning.setId("historyNotRunning");
        events.setId("historyEvents");
        events.setPrefHeight(120);
        events.setPlaceholder(new Label(Text.get("history.noEvents")));
        export.setId("historyExport");
        export.setOnAction(e -> exportCsv());
        settle.setOnFinished(e -> refresh());
        from.getStyleClass().add(Styles.TEXT_MUTED);
        to.getStyleClass().add(Styles.TEXT_MUTED);
        BorderPane axis = new BorderPane();
        axis.setLeft(from);
        axis.setRight(to);
        view.getChildren().addAll(spanButtons(), facts(), timeline, axis, legend(), muted("history.events"), events);
        VBox.setVgrow(events, Priority.ALWAYS);
    }

    private Node spanButtons() {
        HBox box = new HBox();
        String[] pills = {Styles.LEFT_PILL, Styles.CENTER_PILL, Styles.RIGHT_PILL};
        for (Span s : Span.values()) {
            ToggleButton b = new ToggleButton(Text.get("history.span." + s.name()));
            b.setId("historySpan" + s.name());
            b.getStyleClass().add(pills[s.ordinal()]);
            b.setToggleGroup(spans);
            b.setSelected(s == span);
            b.setOnAction(e -> {
                b.setSelected(true);
                span = s;
                refresh();
            });
            box.getChildren().add(b);
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        box.getChildren().addAll(grow, export);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Node facts() {
        HBox box = new HBox(18, pair("history.uptime", uptime), pair("history.outages", outages), pair("history.notRunning", notRunning));
        box.setAlignment(Pos.BASELINE_LEFT);
        return box;
    }

    private static Node pair(String key, Label value) {
        VBox box = new VBox(2, muted(key), value);
        return box;
    }

    private Node legend() {
        HBox box = new HBox(12);
        box.getChildren().addAll(swatch(Tone.OK, false, "history.legend.up"), swatch(Tone.WARN, false, "history.legend.degraded"),
                swatch(Tone.ERROR, false, "history.legend.down"), swatch(Tone.MUTED, true, "history.legend.gap"));
        return box;
    }

    private static Node swatch(Tone tone, boolean gap, String key) {
        Region r = new Region();
        r.getStyleClass().addAll("history-band", "history-swatch");
        if (gap) {
            r.getStyleClass().add("history-gap");
        } else {
            tone.apply(r);
        }
        Label l = new Label(Text.get(key));
        l.getStyleClass().add(Styles.TEXT_SMALL);
        HBox box = new HBox(4, r, l);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static Label muted(String key) {
        Label l = new Label(Text.get(key));
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    @Override
    public String title() {
        return Text.get("history.tab");
    }

    @Override
    public Node view() {
        return view;
    }

    /** Shows {@code newRow}'s history (null: none). */
    void show(TokenRow newRow) {
        if (row != null) {
            row.checkProperty().removeListener(onChange);
            row.probeProperty().removeListener(onChange);
            row.keptProperty().removeListener(onChange);
        }
        row = newRow;
        if (row != null) {
            row.checkProperty().addListener(onChange);
            row.probeProperty().addListener(onChange);
            row.keptProperty().addListener(onChange);
            refresh();
        }
    }

    /** Asks the history thread; an answer for a row or span no longer shown is dropped. */
    private void refresh() {
        if (row == null) {
            return;
        }
        long ticket = ++asked;
        TokenRow asking = row;
        history.query(row.token(), clock.instant().minus(span.length())).thenApply(found -> found.map(h ->
                        new Shown(Timeline.of(h.events(), h.runs(), h.from(), h.to()), h.events())))
                .thenAccept(shown -> Platform.runLater(() -> {
                    if (ticket == asked && asking == row) {
                        shown.ifPresent(this::display);
                    }
                }));
    }

    /** What one answer shows: the timeline and the events behind it. */
    record Shown(Timeline timeline, List<Event> events) {
    }

    void display(Shown shown) {
        Timeline t = shown.timeline();
        timeline.show(t);
        uptime.setText(HistoryWords.uptime(t.uptime()));
        Tone tone = t.uptime().isEmpty() ? Tone.MUTED : t.uptime().getAsDouble() >= 99 ? Tone.OK
                : t.uptime().getAsDouble() >= 90 ? Tone.WARN : Tone.ERROR;
        tone.apply(uptime);
        outages.setText(Text.get("history.outages.value", t.outages(), HistoryWords.duration(t.longestOutage())));
        notRunning.setText(HistoryWords.duration(HistoryWords.notRunning(t)));
        from.setText(WHEN.format(t.from()));
        to.setText(WHEN.format(t.to()));
        List<String> lines = new ArrayList<>();
        List<Event> all = shown.events();
        for (int i = all.size() - 1; i >= 0 && lines.size() < EVENTS_SHOWN; i--) {
            Event e = all.get(i);
            if (!e.at().isBefore(t.from())) {
                String latency = e.latency().map(d -> "  " + Text.get("cli.history.latency", d.toMillis()).strip()).orElse("");
                lines.add(WHEN.format(e.at()) + "  " + HistoryWords.event(e) + latency);
            }
        }
        events.getItems().setAll(lines);
    }

    TimelineView timelineView() {
        return timeline;
    }

    private void exportCsv() {
        if (row == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Text.get("history.export.title"));
        chooser.setInitialFileName("tokendesk-history-" + row.token().sni().orElse("token") + ".csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        Window owner = view.getScene() == null ? null : view.getScene().getWindow();
        File chosen = chooser.showSaveDialog(owner);
        if (chosen != null) {
            exportTo(chosen.toPath());
        }
    }

    /** Writes the shown span's events to {@code file} off the JavaFX thread, atomically. */
    CompletableFuture<Void> exportTo(Path file) {
        return history.query(row.token(), clock.instant().minus(span.length())).thenAccept(found -> {
            try {
                StringWriter csv = new StringWriter();
                List<Event> events = found.map(History.TokenHistory::events).orElse(List.of());
                Optional<Instant> start = found.map(History.TokenHistory::from);
                HistoryCsv.write(csv, events.stream().filter(e -> start.isEmpty() || !e.at().isBefore(start.get())).toList());
                AtomicFile.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
                Platform.runLater(() -> tell.accept(Text.get("history.export.done", file.toString())));
            } catch (IOException e) {
                Platform.runLater(() -> tell.accept(Text.get("history.export.failed", e.getMessage())));
            }
        });
    }
}
