package org.tokendesk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import okhttp3.OkHttpClient;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.net.Http;
import org.tokendesk.probe.Probe;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.registration.KeepOnline;
import org.tokendesk.registration.Timing;
import org.tokendesk.store.SavedToken;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.token.Token;
import org.tokendesk.ui.Theme;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.model.RowCheck;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/**
 * Is the token table fluid with 10,000 rows? The real window on a real display (run it under Xvfb:
 * bench/table.sh), fed from a loopback registry stub. Measures frame gaps (time between pulses)
 * while the list loads, while "Check all" runs 10,000 lookups, and while the table scrolls from
 * top to bottom; prints the figures. Not a test: nothing here runs in {@code mvn verify}.
 */
public final class TableBenchmark extends Application {
    static int count = 10_000;
    /** The same scroll over a plain TableView of seven text columns: the floor this machine sets. */
    static boolean bare;

    private final List<Long> gaps = new ArrayList<>();
    private long last;
    private boolean recording;
    private final AnimationTimer frames = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (recording && last != 0) {
                gaps.add(now - last);
            }
            last = now;
        }
    };

    /** The entry point: a main class that extends Application must have JavaFX on the module path. */
    public static final class Run {
        public static void main(String[] args) {
            if (args.length > 0) {
                count = Integer.parseInt(args[0]);
            }
            bare = args.length > 1 && args[1].equals("--bare");
            launch(TableBenchmark.class);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        if (bare) {
            startBare(stage);
            return;
        }
        RegistryStub stub = RegistryStub.start(8);
        List<String> tokens = BenchTokens.make(count);
        for (int i = 0; i < tokens.size(); i++) {
            // Every other token resolves, the rest are not registered: both states show.
            if (i % 2 == 0) {
                stub.register(tokens.get(i), "203.0.113." + (i % 250 + 1), 8788);
            }
        }
        OkHttpClient http = Http.newClient(Http.Timeouts.DISCOVERY);
        DiscoveryClient discovery = new DiscoveryClient(http, DiscoveryClient.DEFAULT_IN_FLIGHT);
        KeepOnline keepOnline = new KeepOnline(discovery, Timing.DEFAULT);
        // Probing 5,000 unroutable addresses would measure the network, not the table: the probe's pool is idle here.
        Probe probe = new Probe(http, ProbeConfig.defaults(), 1);
        TokenListModel model = new TokenListModel(discovery, keepOnline, probe, stub.registry(), 8788, list -> { }, Clock.systemUTC());
        Theme.LIGHT.apply();
        MainWindow window = new MainWindow(model, r -> { });
        Scene scene = new Scene(window.view(), 1200, 760);
        scene.getStylesheets().add(MainWindow.class.getResource("/org/tokendesk/ui/tokendesk.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        frames.start();
        List<SavedToken> saved = new ArrayList<>();
        for (String t : tokens) {
            saved.add(SavedToken.added(Token.of(t), Instant.EPOCH));
        }
        Platform.runLater(() -> {
            long loadStart = System.nanoTime();
            model.load(saved);
            afterPulse(() -> {
                System.out.printf("load %,d rows, to the next frame: %d ms%n", count, ms(System.nanoTime() - loadStart));
                checkAll(model, window.table(), stub, () -> {
                    probe.close();
                    keepOnline.close();
                    discovery.close();
                    Http.shutdown(http);
                    stub.close();
                    System.out.printf("heap used: %d MiB, RSS: %s%n",
                            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20, rss());
                    Platform.exit();
                });
            });
        });
    }

    private void startBare(Stage stage) {
        Theme.LIGHT.apply();
        TableView<String[]> table = new TableView<>();
        for (int c = 0; c < 7; c++) {
            int column = c;
            javafx.scene.control.TableColumn<String[], String> col = new javafx.scene.control.TableColumn<>("Column " + c);
            col.setCellValueFactory(f -> new javafx.beans.property.ReadOnlyStringWrapper(f.getValue()[column]));
            col.setPrefWidth(160);
            table.getColumns().add(col);
        }
        table.setFixedCellSize(30);
        List<String> tokens = BenchTokens.make(count);
        for (String t : tokens) {
            table.getItems().add(new String[] {"label", Token.mask(t), "insecure", "resolves → 203.0.113.9:8788 (35 ms)", "serving", "off", "7:00:06 PM"});
        }
        stage.setScene(new Scene(new javafx.scene.layout.BorderPane(table), 1200, 760));
        stage.show();
        frames.start();
        afterPulse(() -> scrollBare(table));
    }

    private void scrollBare(TableView<String[]> table) {
        gaps.clear();
        recording = true;
        long start = System.nanoTime();
        AnimationTimer scroller = new AnimationTimer() {
            private int at;

            @Override
            public void handle(long now) {
                at += 40;
                if (at >= table.getItems().size()) {
                    stop();
                    recording = false;
                    System.out.printf("bare TableView, scroll through %,d rows, 40 rows per frame: %d ms; %s%n", count,
                            ms(System.nanoTime() - start), frameStats());
                    Platform.exit();
                    return;
                }
                table.scrollTo(at);
            }
        };
        scroller.start();
    }

    private void checkAll(TokenListModel model, TableView<TokenRow> table, RegistryStub stub, Runnable then) {
        gaps.clear();
        recording = true;
        long start = System.nanoTime();
        model.checkAll();
        System.out.printf("check all: the JavaFX thread was busy starting it for %d ms%n", ms(System.nanoTime() - start));
        AnimationTimer done = new AnimationTimer() {
            @Override
            public void handle(long now) {
                boolean all = model.rows().stream().allMatch(r -> r.check() instanceof RowCheck.Checked);
                if (all) {
                    stop();
                    recording = false;
                    System.out.printf("check all %,d against a loopback stub: %d ms wall; %s%n", count, ms(System.nanoTime() - start), frameStats());
                    scroll(table, then);
                }
            }
        };
        done.start();
    }

    private void scroll(TableView<TokenRow> table, Runnable then) {
        gaps.clear();
        recording = true;
        long start = System.nanoTime();
        int step = 40;
        AnimationTimer scroller = new AnimationTimer() {
            private int at;

            @Override
            public void handle(long now) {
                at += step;
                if (at >= table.getItems().size()) {
                    stop();
                    recording = false;
                    System.out.printf("scroll through %,d rows, %d rows per frame: %d ms; %s%n", count, step,
                            ms(System.nanoTime() - start), frameStats());
                    sort(table, then);
                    return;
                }
                table.scrollTo(at);
            }
        };
        scroller.start();
    }

    private void sort(TableView<TokenRow> table, Runnable then) {
        long start = System.nanoTime();
        table.getSortOrder().setAll(table.getColumns().get(3));
        afterPulse(() -> {
            System.out.printf("sort %,d rows by state, to the next frame: %d ms%n", count, ms(System.nanoTime() - start));
            then.run();
        });
    }

    private String frameStats() {
        long[] g = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
        if (g.length == 0) {
            return "no frames";
        }
        long over50 = Arrays.stream(g).filter(x -> x > 50_000_000L).count();
        return String.format("%d frames, gap p50 %d ms, p99 %d ms, max %d ms, %d gaps over 50 ms",
                g.length, ms(g[g.length / 2]), ms(g[Math.min(g.length - 1, (int) Math.ceil(g.length * 0.99) - 1)]), ms(g[g.length - 1]), over50);
    }

    private static void afterPulse(Runnable r) {
        AnimationTimer once = new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 2) {
                    stop();
                    r.run();
                }
            }
        };
        once.start();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static String rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return line.substring(6).strip();
                }
            }
        } catch (Exception e) {
            return "?";
        }
        return "?";
    }

}
