package org.tokendesk.ui.everywhere;

import java.time.Clock;
import java.util.Map;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

import okhttp3.OkHttpClient;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Registry;
import org.tokendesk.everywhere.RegistryList;
import org.tokendesk.i18n.Text;
import org.tokendesk.probe.Probe;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.registration.KeepOnline;
import org.tokendesk.registration.Timing;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.Rerouted;
import org.tokendesk.ui.Theme;
import org.tokendesk.ui.TokenDeskApp;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.main.TokenListModel;
import org.tokendesk.ui.main.TokenRow;

/**
 * The window with the Registries tab open on a token registered at the juzibot registry but not at
 * api.chatie.io, both played by loopback registries: for docs/check-everywhere.png. Not a test.
 * Arguments: language (en, zh_CN), theme (light, dark) and optionally a snippet kind (PYTHON, GO, …)
 * or SETTINGS.
 * Run under Xvfb and take the screenshot.
 */
public final class ScreenshotDemo {
    private static final String AT_JUZIBOT = "puppet_workpro_5c0c4c34-1234-4abc-9def-0123456789ab";

    private ScreenshotDemo() {
    }

    /** A main class that is not an Application, so the plain class path launch works. */
    public static void main(String[] args) {
        Application.launch(Demo.class, args);
    }

    public static final class Demo extends Application {
    @Override
    public void start(Stage stage) throws Exception {
        String language = getParameters().getRaw().isEmpty() ? "en" : getParameters().getRaw().get(0);
        String theme = getParameters().getRaw().size() < 2 ? "light" : getParameters().getRaw().get(1);
        Text.use(language);
        Theme.resolve(theme).apply();
        RegistryStub chatie = RegistryStub.start();
        RegistryStub juzibot = RegistryStub.start().register(AT_JUZIBOT, "203.0.113.9", 8788);
        OkHttpClient http = Rerouted.client(Map.of(Registry.CHATIE, chatie.registry(), Registry.JUZIBOT, juzibot.registry()));
        DiscoveryClient discovery = new DiscoveryClient(http, 16);
        TokenListModel model = new TokenListModel(discovery, new KeepOnline(discovery, Timing.DEFAULT),
                new Probe(http, ProbeConfig.defaults(), 2), Registry.CHATIE, 8788, saved -> { }, Clock.systemDefaultZone());
        CheckEverywhere everywhere = new CheckEverywhere(model, new DiscoveryClient(http, CheckEverywhere.MAX_LOOKUPS),
                CheckEverywhere.MAX_LOOKUPS, RegistryList::builtInOnly, chosen -> RegistryList.builtInOnly().toAsk(chosen));
        MainWindow window = new MainWindow(model, r -> { });
        everywhere.install(window);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getBounds();
        Scene scene = new Scene(window.view(), screen.getWidth(), screen.getHeight());
        scene.getStylesheets().add(TokenDeskApp.class.getResource("tokendesk.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle(Text.get("app.name"));
        stage.setX(0);
        stage.setY(0);
        stage.show();
        // No token that resolves: its address would be probed, and no service runs here.
        model.add(String.join("\n", AT_JUZIBOT, "puppet_padlocal_0f6e7a3c-aaaa-4bbb-8ccc-123456789abc"));
        model.rows().get(0).labelProperty().set(language.startsWith("zh") ? "WorkPro 机器人" : "WorkPro bot");
        model.rows().get(1).labelProperty().set(language.startsWith("zh") ? "旧 token" : "Old token");
        TokenRow shown = model.rows().get(0);
        window.table().getSelectionModel().select(shown);
        ((SplitPane) window.view().lookup(".split-pane")).setDividerPositions(0.36);
        TabPane tabs = (TabPane) window.view().lookup("#detailPane .tab-pane");
        tabs.getSelectionModel().select(tabs.getTabs().size() - 1);
        Platform.runLater(() -> window.table().requestFocus());
        if (getParameters().getRaw().size() > 2) {
            // A snippet kind to show (PYTHON, GO, …), once the sweep has filled the tab.
            String kind = getParameters().getRaw().get(2);
            javafx.animation.PauseTransition later = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(3));
            later.setOnFinished(e -> {
                if (kind.equals("SETTINGS")) {
                    new org.tokendesk.ui.settings.SettingsWindow(stage, org.tokendesk.store.Settings.defaults(Map.of())
                            .withExtraRegistries(java.util.List.of("http://192.168.1.5:8080", "ftp://old.example")), x -> { }).show();
                } else {
                    ((javafx.scene.control.ToggleButton) window.view().lookup("#fixKind" + kind)).fire();
                }
            });
            later.play();
        }
    }
    }
}
