package org.tokendesk.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.discovery.Registry;
import org.tokendesk.history.History;
import org.tokendesk.history.HistoryCsv;
import org.tokendesk.history.Retention;
import org.tokendesk.history.SimulatedWeek;
import org.tokendesk.history.Timeline;
import org.tokendesk.i18n.Text;
import org.tokendesk.testing.Ports;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.testing.TokenListFixture;
import org.tokendesk.token.Token;
import org.tokendesk.ui.Theme;
import org.tokendesk.ui.Tone;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/** The History tab over a week of recorded events, and a live check landing in it. */
@Timeout(90)
class HistoryUiTest extends ApplicationTest {
    private static final String TOKEN = "insecure_5e1f0c2a-aaaa-4bbb-8ccc-0000000000a1";
    private static Path dir;

    private RegistryStub stub;
    private TokenListFixture list;
    private TokenListModel model;
    private HistoryUi ui;
    private MainWindow window;

    @TempDir
    static Path temp;

    /** Seeded before the window starts: TestFX gives start() a time limit, and a loaded machine needs it. */
    @BeforeAll
    static void seed() throws Exception {
        Text.use(Locale.ENGLISH);
        dir = Files.createTempDirectory(temp, "home");
        SimulatedWeek.seed(dir.resolve("history.db"), Token.of(TOKEN), Registry.CHATIE, Instant.now());
    }

    @Override
    public void start(Stage stage) throws Exception {
        Theme.LIGHT.apply();
        stub = RegistryStub.start(4).register(TOKEN, "127.0.0.2", Ports.closed());
        list = TokenListFixture.open(stub.registry(), saved -> { });
        model = list.model();
        ui = new HistoryUi(new History(dir.resolve("history.db"), Retention.DEFAULT, "window", Clock.systemUTC()), model);
        window = new MainWindow(model, r -> { });
        ui.install(window);
        stage.setScene(new Scene(window.view(), 1100, 760));
        stage.show();
    }

    @AfterEach
    void close() {
        ui.close();
        list.close();
        stub.close();
    }

    @Test
    void theWeekShowsItsOutageAndItsGapAndTheNewCheckLandsInIt() throws Exception {
        interact(() -> model.add(TOKEN));
        TokenRow row = model.rows().get(0);
        interact(() -> window.table().getSelectionModel().select(row));
        TabPane tabs = lookup(".tab-pane").queryAs(TabPane.class);
        interact(() -> tabs.getSelectionModel().select(tabs.getTabs().size() - 1));
        assertEquals("History", tabs.getSelectionModel().getSelectedItem().getText());

        clickOn("#historySpanWEEK");
        // The seeded week's two outages; the live check (a closed port) may already have started a third.
        awaitText(() -> outagesText().matches("[23], longest 2 h 0 min"));
        benchmarkNote(row);

        TimelineView view = lookup("#historyTimeline").queryAs(TimelineView.class);
        List<TimelineView.Strip> strips = view.strips();
        assertTrue(strips.stream().anyMatch(TimelineView.Strip::gap), "the six hours not running show as a gap");
        assertTrue(strips.stream().anyMatch(s -> !s.gap() && s.tone() == Tone.ERROR), "the outage shows");
        assertTrue(strips.stream().anyMatch(s -> !s.gap() && s.tone() == Tone.OK));
        // The gap starts at 4/7 of the way; the tooltip there says so.
        assertTrue(view.describeAt(4.0 / 7 + 0.01).startsWith("TokenDesk was not running"), view.describeAt(4.0 / 7 + 0.01));
        assertTrue(view.describeAt(2.0 / 7 + 0.002).startsWith("not registered"), view.describeAt(2.0 / 7 + 0.002));
        String uptime = lookup("#historyUptime").queryAs(Label.class).getText();
        assertTrue(uptime.matches("9[89]\\.\\d %"), uptime);

        // The check the window just made (127.0.0.2, nothing listening: a closed port) is recorded and shown.
        @SuppressWarnings("unchecked")
        ListView<String> events = lookup("#historyEvents").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> events.getItems().stream().anyMatch(l -> l.contains("127.0.0.2")));
        assertTrue(events.getItems().size() <= HistorySection.EVENTS_SHOWN);

        @SuppressWarnings("unchecked")
        TableColumn<TokenRow, String> uptimeColumn = (TableColumn<TokenRow, String>) window.table().getColumns().stream()
                .filter(c -> "uptimeColumn".equals(c.getId())).findFirst().orElseThrow();
        interact(ui::refreshUptimes);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            String figure = uptimeColumn.getCellData(row);
            return figure != null && figure.endsWith("%");
        });

        clickOn("#historySpanDAY");
        // The last day holds no two-hour outage any more.
        awaitText(() -> outagesText().matches("\\d+, longest (\\d+ min|\\d+ s)"));

        Path csv = dir.resolve("export.csv");
        HistorySection section = new HistorySection(ui.history(), Clock.systemUTC(), text -> { });
        interact(() -> section.show(row));
        section.exportTo(csv).get(20, TimeUnit.SECONDS);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(HistoryCsv.HEADER, lines.get(0));
        assertTrue(lines.size() > 200, "a day of five-minute checks: " + lines.size());
        TokenLeaks.of(Token.of(TOKEN)).assertNoneUnder(dir);
    }

    /** Not a timed assertion: prints what reading and drawing the week costs, warm, for BENCHMARKS.md. */
    private void benchmarkNote(TokenRow row) throws Exception {
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            History.TokenHistory week = ui.history().query(row.token(), Instant.now().minus(Duration.ofDays(7))).get().orElseThrow();
            long t1 = System.nanoTime();
            Timeline timeline = Timeline.of(week.events(), week.runs(), week.from(), week.to());
            long t2 = System.nanoTime();
            long[] drawn = new long[1];
            interact(() -> {
                long s = System.nanoTime();
                HistorySection shown = new HistorySection(ui.history(), Clock.systemUTC(), text -> { });
                shown.display(new HistorySection.Shown(timeline, week.events()));
                Scene scene = new Scene(new StackPane(shown.view()), 900, 500);
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                drawn[0] = System.nanoTime() - s;
            });
            System.out.printf("history benchmark: %d events, %d bands -> %d strips; query %.1f ms, timeline %.1f ms, view %.1f ms%n",
                    week.events().size(), timeline.bands().size(), TimelineView.strips(timeline).size(),
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, drawn[0] / 1e6);
        }
    }

    private void awaitText(BooleanSupplier shown) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!shown.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(shown.getAsBoolean(), () -> "outages: " + outagesText() + ", uptime: " + lookup("#historyUptime").queryAs(Label.class).getText());
    }

    private String outagesText() {
        return lookup("#historyOutages").queryAs(Label.class).getText();
    }
}
