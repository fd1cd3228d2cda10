package org.tokendesk.ui.history;

import java.time.Clock;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;

import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.util.Duration;

import org.tokendesk.history.History;
import org.tokendesk.history.HistoryOpen;
import org.tokendesk.history.Observed;
import org.tokendesk.i18n.HistoryWords;
import org.tokendesk.history.Retention;
import org.tokendesk.history.Span;
import org.tokendesk.i18n.Text;
import org.tokendesk.store.AppHome;
import org.tokendesk.token.Token;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/**
 * The window's side of the history: records what the model sees, adds the History tab and the uptime
 * column, and says when the file had to be set aside. The file opens on the history thread.
 */
public final class HistoryUi implements AutoCloseable {
    static final Duration UPTIME_EVERY = Duration.minutes(2);
    /** The first figures wait for the start-up checks to land. */
    static final Duration UPTIME_FIRST = Duration.seconds(5);

    private final History history;
    private final TokenListModel model;
    private final ObservableMap<Token, String> uptimes = FXCollections.observableHashMap();
    private final Timeline uptimeTimer;
    private final PauseTransition firstUptimes = new PauseTransition(UPTIME_FIRST);

    HistoryUi(History history, TokenListModel model) {
        this(history, model, observed -> { });
    }

    HistoryUi(History history, TokenListModel model, Consumer<Observed> also) {
        this.history = history;
        this.model = model;
        HistoryRecording.install(model, history, also);
        uptimeTimer = new Timeline(new KeyFrame(UPTIME_EVERY, e -> refreshUptimes()));
        uptimeTimer.setCycleCount(Timeline.INDEFINITE);
    }

    /** On the JavaFX thread, before the model loads its rows. */
    public static HistoryUi start(AppHome home, TokenListModel model) {
        return start(home, model, observed -> { });
    }

    /** {@code also} hears every recorded state too (the outage alerts). */
    public static HistoryUi start(AppHome home, TokenListModel model, Consumer<Observed> also) {
        return new HistoryUi(new History(History.fileIn(home), Retention.DEFAULT, "window", Clock.systemUTC()), model, also);
    }

    public History history() {
        return history;
    }

    /** Adds the tab and the column to a (re)built window. */
    public void install(MainWindow window) {
        window.detail().addTab(new HistorySection(history, model.clock(), window::reportInfo, window.detail().selection()));
        addUptimeColumn(window.table());
        history.opened().thenAccept(open -> Platform.runLater(() -> report(open, window)));
        uptimeTimer.play();
        firstUptimes.setOnFinished(e -> refreshUptimes());
        firstUptimes.playFromStart();
    }

    private static void report(HistoryOpen open, MainWindow window) {
        if (open instanceof HistoryOpen.StartedAfresh a) {
            window.reportProblem(Text.get("history.setAside", a.reason(), a.movedTo().toString()));
        } else if (open instanceof HistoryOpen.Unavailable u) {
            window.reportProblem(Text.get("history.unavailable", u.detail()));
        }
    }

    private void addUptimeColumn(TableView<TokenRow> table) {
        TableColumn<TokenRow, String> column = new TableColumn<>(Text.get("history.column"));
        column.setId("uptimeColumn");
        column.setCellValueFactory(c -> Bindings.valueAt(uptimes, c.getValue().token()));
        column.setPrefWidth(120);
        column.setSortable(false);
        table.getColumns().add(column);
    }

    void refreshUptimes() {
        List<Token> tokens = model.rows().stream().map(TokenRow::token).toList();
        history.uptimes(tokens, model.clock().instant().minus(Span.DAY.length())).thenAccept(found -> Platform.runLater(() -> {
            found.forEach((token, uptime) -> uptimes.put(token, figure(uptime)));
        }));
    }

    private static String figure(OptionalDouble uptime) {
        return uptime.isPresent() ? HistoryWords.uptime(uptime) : "—";
    }

    @Override
    public void close() {
        uptimeTimer.stop();
        firstUptimes.stop();
        history.close();
    }
}
