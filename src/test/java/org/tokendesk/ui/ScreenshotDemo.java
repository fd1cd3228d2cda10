package org.tokendesk.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import okhttp3.OkHttpClient;

import org.tokendesk.discovery.Registry;
import org.tokendesk.history.History;
import org.tokendesk.history.SimulatedWeek;
import org.tokendesk.i18n.Text;
import org.tokendesk.registration.KeepOnline;
import org.tokendesk.registration.RegistrationState;
import org.tokendesk.registration.Timing;
import org.tokendesk.store.AppHome;
import org.tokendesk.store.SavedToken;
import org.tokendesk.store.Settings;
import org.tokendesk.store.SettingsStore;
import org.tokendesk.store.TokenStore;
import org.tokendesk.testing.GrpcHealthServer;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.Rerouted;
import org.tokendesk.token.Token;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.model.RowCheck;
import org.tokendesk.ui.model.RowProbe;
import org.tokendesk.ui.model.TokenRow;
import org.tokendesk.ui.settings.SettingsWindow;
import org.tokendesk.update.UpdatePolicy;

import org.tokendesk.ui.app.Services;
import org.tokendesk.ui.app.TokenDeskApp;

/**
 * The real main window (the app's own wiring: menus, every tab, saved tokens and settings in a fresh
 * TOKENDESK_HOME) filled with made-up tokens, for the screenshots in docs/. Not a test; run by
 * docs/screenshots.sh under Xvfb. Nothing leaves the machine: registries and puppet services are
 * played on loopback, and requests for api.chatie.io and api.juzibot.com go to loopback stand-ins.
 *
 * <p>Arguments: scene, language (en, zh_CN), theme (light, dark), and optionally another detail tab
 * (its title's key: detail.overview, live.tab, …), a snippet kind (PYTHON, GO, …), SETTINGS or CLOSE. Scenes:
 * <ul>
 * <li>{@code window}: six tokens at a registry on this machine: one kept online with its service
 * serving, one kept online with no service behind it, one registered elsewhere but not serving,
 * one found only at the juzibot registry, one at api.chatie.io, one registered nowhere. The first
 * is selected with its Keep online tab open.</li>
 * <li>{@code everywhere}: api.chatie.io chosen, a token registered only at the juzibot registry,
 * its Registries tab open (docs/check-everywhere.png).</li>
 * </ul>
 * With a tray on the display (docs/tray.sh runs one), the app's own tray icon is there too.
 * Prints {@value #READY} on standard output once every row has settled, so the shot can be taken.
 */
public final class ScreenshotDemo {
    static final String READY = "screenshot-ready";
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration GIVE_UP = Duration.ofSeconds(90);

    // Made-up tokens: "demo" and a counter where a real token has its random part.
    private static final String HOME = "insecure_0000demo-0000-4000-8000-000000000001";
    private static final String OFFICE = "puppet_service_0000demo-0000-4000-8000-000000000002";
    private static final String STAGING = "insecure_0000demo-0000-4000-8000-000000000003";
    private static final String AT_JUZIBOT = "puppet_workpro_0000demo-0000-4000-8000-000000000004";
    private static final String NOWHERE = "puppet_padlocal_0000demo-0000-4000-8000-000000000005";
    private static final String AT_CHATIE = "puppet_wxwork_0000demo-0000-4000-8000-000000000006";

    private ScreenshotDemo() {
    }

    /** A main class that is not an Application, so the plain class path launch works. */
    public static void main(String[] args) {
        // The screenshots show the token list, not the update check's one-time question.
        System.setProperty(UpdatePolicy.CHECK_PROPERTY, "off");
        Application.launch(Demo.class, args);
    }

    /** What a scene starts with: where it looks tokens up, what the user saved, which row and tab to show. */
    private record Setup(Registry chosen, Map<Registry, Registry> routes, List<SavedToken> tokens, String selected,
                         String tabKey, double divider) {
    }

    /** The History tab over a simulated week ({@link SimulatedWeek}) of the selected token. */
    private static final String HISTORY_TAB = "history.tab";

    public static final class Demo extends Application {
        private final List<AutoCloseable> servers = new ArrayList<>();
        private Services services;

        @Override
        public void start(Stage stage) throws Exception {
            List<String> args = getParameters().getRaw();
            String scene = args.isEmpty() ? "window" : args.get(0);
            String language = args.size() < 2 ? "en" : args.get(1);
            String theme = args.size() < 3 ? "light" : args.get(2);
            boolean zh = language.startsWith("zh");
            Setup setup = scene.equals("everywhere") ? everywhere(zh) : window(zh);

            Path home = Files.createTempDirectory("tokendesk-screenshot");
            Map<String, String> env = Map.of("TOKENDESK_HOME", home.toString(), "TOKENDESK_KEYRING", "off");
            AppHome appHome = AppHome.resolve(env);
            // The "still online in the tray" hint is for the tray scene (CLOSE) only: it would cover other shots.
            boolean closing = args.size() > 3 && args.get(3).equals("CLOSE");
            new SettingsStore(appHome.settingsFile(), env).save(new Settings(setup.chosen().baseUrl().toString(), List.of(),
                    SavedToken.DEFAULT_PORT, 16, language, theme, false, !closing));
            new TokenStore(appHome.tokensFile()).save(setup.tokens());
            if (args.size() > 3 && args.get(3).equals(HISTORY_TAB)) {
                for (SavedToken saved : setup.tokens()) {
                    if (saved.label().equals(setup.selected())) {
                        SimulatedWeek.seed(History.fileIn(appHome), saved.token(), setup.chosen(), Instant.now());
                    }
                }
            }

            OkHttpClient http = Rerouted.client(setup.routes());
            services = Services.open(env, http);
            services.theme().apply();
            Rectangle2D screen = Screen.getPrimary().getBounds();
            Scene shown = new Scene(new StackPane(), screen.getWidth(), screen.getHeight());
            shown.getStylesheets().add(TokenDeskApp.class.getResource("/org/tokendesk/ui/tokendesk.css").toExternalForm());
            stage.setScene(shown);
            stage.setX(0);
            stage.setY(0);
            stage.show();
            MainWindow window = services.createWindow(stage, getHostServices());
            shown.setRoot(window.view());
            // Skins make the split pane's and tab pane's children: look them up after.
            window.view().applyCss();
            ((SplitPane) window.view().lookup(".split-pane")).setDividerPositions(setup.divider());
            selectTab(window, setup.tabKey());
            window.table().getItems().stream().filter(r -> r.label().equals(setup.selected())).findFirst()
                    .ifPresent(r -> window.table().getSelectionModel().select(r));
            Platform.runLater(() -> window.table().requestFocus());
            new Settling(window, () -> {
                if (args.size() > 3) {
                    extra(stage, window, args.get(3));
                } else {
                    ready();
                }
            }).start();
        }

        /** The window scene: a registry on this machine, played by the fixture that answers as the real one. */
        private Setup window(boolean zh) throws IOException {
            RegistryFixture registry = startRegistry();
            servers.add(registry);
            GrpcHealthServer serving = grpcServer(SavedToken.DEFAULT_PORT);
            GrpcHealthServer notServing = grpcServer(SavedToken.DEFAULT_PORT + 2).status(ServingStatus.NOT_SERVING);
            servers.add(serving);
            servers.add(notServing);
            // Another machine keeps the staging token online: its service answers, but not SERVING.
            KeepOnline elsewhere = new KeepOnline(null, Timing.DEFAULT);
            servers.add(elsewhere);
            elsewhere.keep(Token.of(STAGING), registry.registry(), notServing.port());
            RegistryStub chatie = RegistryStub.start().register(AT_CHATIE, "198.51.100.23", 8788);
            RegistryStub juzibot = RegistryStub.start().register(AT_JUZIBOT, "203.0.113.9", 8788);
            servers.add(chatie);
            servers.add(juzibot);

            Instant now = Instant.now();
            List<SavedToken> tokens = List.of(
                    saved(HOME, zh ? "家里的服务器" : "Home server", now.minus(Duration.ofDays(40))).withKeepOnline(true, serving.port()),
                    saved(OFFICE, zh ? "办公室电脑" : "Office PC", now.minus(Duration.ofDays(21))).withKeepOnline(true, closedPort(SavedToken.DEFAULT_PORT + 1)),
                    saved(STAGING, zh ? "测试环境机器人" : "Staging bot", now.minus(Duration.ofDays(12))),
                    saved(AT_JUZIBOT, zh ? "WorkPro 机器人" : "WorkPro bot", now.minus(Duration.ofDays(9))),
                    saved(AT_CHATIE, zh ? "群助手" : "Group helper", now.minus(Duration.ofDays(5))),
                    saved(NOWHERE, zh ? "旧的 PadLocal" : "Old PadLocal", now.minus(Duration.ofDays(2))));
            return new Setup(registry.registry(), routes(chatie, juzibot), tokens, tokens.get(0).label(),
                    "keep.tab", 0.42);
        }

        /** The check everywhere scene: api.chatie.io does not know the token, the juzibot registry does. */
        private Setup everywhere(boolean zh) throws IOException {
            RegistryStub chatie = RegistryStub.start();
            RegistryStub juzibot = RegistryStub.start().register(AT_JUZIBOT, "203.0.113.9", 8788);
            servers.add(chatie);
            servers.add(juzibot);
            Instant now = Instant.now();
            List<SavedToken> tokens = List.of(
                    saved(AT_JUZIBOT, zh ? "WorkPro 机器人" : "WorkPro bot", now.minus(Duration.ofDays(3))),
                    saved(NOWHERE, zh ? "旧 token" : "Old token", now.minus(Duration.ofDays(30))));
            return new Setup(Registry.CHATIE, routes(chatie, juzibot), tokens, tokens.get(0).label(),
                    "everywhere.ui.tab", 0.36);
        }

        private static Map<Registry, Registry> routes(RegistryStub chatie, RegistryStub juzibot) {
            Map<Registry, Registry> routes = new LinkedHashMap<>();
            routes.put(Registry.CHATIE, chatie.registry());
            routes.put(Registry.JUZIBOT, juzibot.registry());
            return routes;
        }

        /** Port 8080 as a registry run at home would have, else any free one. */
        private static RegistryFixture startRegistry() {
            try {
                return RegistryFixture.start(RegistryFixture.Options.defaults(), 8080);
            } catch (IllegalStateException taken) {
                return RegistryFixture.start();
            }
        }

        private static SavedToken saved(String token, String label, Instant added) {
            return SavedToken.added(Token.of(token), added).withLabel(label);
        }

        /** The puppet service's usual port (and the ones after it) where free, as on a real machine; else any. */
        private static GrpcHealthServer grpcServer(int port) throws IOException {
            try {
                return GrpcHealthServer.plaintext(port);
            } catch (IOException taken) {
                return GrpcHealthServer.plaintext();
            }
        }

        /** A port nothing listens on, {@code wanted} when it is free: the office PC's service is not running. */
        private static int closedPort(int wanted) {
            try (ServerSocket s = new ServerSocket(wanted, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    return s.getLocalPort();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        /**
         * Another tab (its title's key, e.g. live.tab), a snippet kind to show (PYTHON, GO, …), the settings
         * window, or CLOSE: the user closes the window (the same close request the window manager's close
         * button sends), then the shot.
         */
        private void extra(Stage stage, MainWindow window, String kind) {
            if (kind.equals("CLOSE")) {
                stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
            } else if (kind.contains(".")) {
                selectTab(window, kind);
                if (kind.equals(HISTORY_TAB)) {
                    ((ToggleButton) window.view().lookup("#historySpanWEEK")).fire();
                }
            } else if (kind.equals("SETTINGS")) {
                new SettingsWindow(stage, Settings.defaults(Map.of())
                        .withExtraRegistries(List.of("http://192.168.1.5:8080", "ftp://old.example")), x -> { }).show();
            } else {
                ((ToggleButton) window.view().lookup("#fixKind" + kind)).fire();
            }
            PauseTransition later = new PauseTransition(javafx.util.Duration.seconds(1));
            later.setOnFinished(e -> ready());
            later.play();
        }

        private static void selectTab(MainWindow window, String titleKey) {
            TabPane tabs = (TabPane) window.view().lookup("#detailPane .tab-pane");
            tabs.getTabs().stream().filter(t -> t.getText().equals(Text.get(titleKey))).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
        }

        private static void ready() {
            System.out.println(READY);
            System.out.flush();
        }

        @Override
        public void stop() {
            if (services != null) {
                services.close();
            }
            for (AutoCloseable server : servers) {
                try {
                    server.close();
                } catch (Exception e) {
                    System.err.println("screenshot demo: closing " + server + ": " + e);
                }
            }
        }
    }

    /**
     * Waits until the rows are as a user would see them a while after start: every token kept online
     * is online, then (as a user pressing F5 would) everything is checked again, since the first
     * check at start-up can beat the registration; then every check, probe and sweep has answered
     * and nothing has changed for a moment.
     */
    private static final class Settling {
        private final MainWindow window;
        private final Runnable then;
        private final Timeline ticks = new Timeline();
        private final long started = System.nanoTime();
        private boolean checkedAgain;
        private String last = "";
        private long sameSince;

        Settling(MainWindow window, Runnable then) {
            this.window = window;
            this.then = then;
        }

        void start() {
            ticks.getKeyFrames().add(new KeyFrame(javafx.util.Duration.millis(250), e -> tick()));
            ticks.setCycleCount(Timeline.INDEFINITE);
            ticks.play();
        }

        private void tick() {
            List<TokenRow> rows = List.copyOf(window.table().getItems());
            if (System.nanoTime() - started > GIVE_UP.toNanos()) {
                ticks.stop();
                System.err.println("screenshot demo: the window did not settle within " + GIVE_UP.toSeconds() + " s: "
                        + rows.stream().map(Settling::describe).collect(Collectors.joining("; ")));
                Platform.exit();
                return;
            }
            if (!rows.stream().filter(TokenRow::keepOnline).allMatch(r -> r.keptProperty().get() != null
                    && r.keptProperty().get().state() instanceof RegistrationState.Online)) {
                return;
            }
            if (!checkedAgain) {
                checkedAgain = true;
                ((javafx.scene.control.Button) window.view().lookup("#checkAllButton")).fire();
                return;
            }
            boolean answered = rows.stream().allMatch(r -> r.check() instanceof RowCheck.Checked
                    && (r.resolved().isEmpty() || r.probeProperty().get() instanceof RowProbe.Probed));
            String now = rows.stream().map(Settling::describe).collect(Collectors.joining("; "));
            if (!answered || !now.equals(last)) {
                last = now;
                sameSince = System.nanoTime();
                return;
            }
            if (System.nanoTime() - sameSince >= SETTLE.toNanos()) {
                ticks.stop();
                then.run();
            }
        }

        private static String describe(TokenRow row) {
            return row.token().masked() + " " + row.check().getClass().getSimpleName() + " "
                    + row.probeProperty().get().getClass().getSimpleName() + " "
                    + (row.keptProperty().get() == null ? "-" : row.keptProperty().get().state().getClass().getSimpleName()) + " "
                    + (row.hintProperty().get() == null ? "-" : row.hintProperty().get().text());
        }
    }
}
