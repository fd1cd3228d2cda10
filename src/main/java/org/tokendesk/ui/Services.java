package org.tokendesk.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import javafx.application.HostServices;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

import okhttp3.OkHttpClient;

import org.tokendesk.Version;
import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.everywhere.RegistryList;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.store.AppHome;
import org.tokendesk.store.AtomicFile;
import org.tokendesk.store.BackgroundSaver;
import org.tokendesk.store.SavedToken;
import org.tokendesk.store.Settings;
import org.tokendesk.store.SettingsStore;
import org.tokendesk.store.StoreLoad;
import org.tokendesk.store.TokenStore;
import org.tokendesk.ui.everywhere.CheckEverywhere;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.main.TokenListModel;
import org.tokendesk.ui.settings.SettingsWindow;

/**
 * What stands behind the window: files, settings, the HTTP client and the lookup pool. Opened off
 * the JavaFX thread (the OS folder lookup and file reads are I/O); the window is made from it on
 * the JavaFX thread.
 */
public final class Services implements AutoCloseable {
    private final AppHome home;
    private final OkHttpClient http;
    private final DiscoveryClient discovery;
    private final BackgroundSaver<List<SavedToken>> tokenSaver;
    private final BackgroundSaver<Settings> settingsSaver;
    private final StoreLoad load;
    private Settings settings;
    private TokenListModel model;
    private MainWindow window;
    private CheckEverywhere everywhere;
    private Stage stage;
    private HostServices hostServices;
    private final Theme theme;
    /** Where save failures go once the window exists; a failed save must not pass silently. */
    private volatile Consumer<IOException> saveFailures = e -> { };

    private Services(AppHome home, Settings settings, StoreLoad load, TokenStore tokenStore, SettingsStore settingsStore) {
        this.home = home;
        this.theme = Theme.resolve(settings.theme());
        Text.use(settings.language());
        this.settings = settings;
        this.load = load;
        this.http = Http.newClient(Http.Timeouts.DISCOVERY);
        this.discovery = new DiscoveryClient(http, settings.concurrency());
        this.tokenSaver = new BackgroundSaver<>(tokenStore::save, e -> saveFailures.accept(e));
        this.settingsSaver = new BackgroundSaver<>(settingsStore::save, e -> saveFailures.accept(e));
    }

    public static Services open(Map<String, String> env) {
        try {
            AppHome home = AppHome.resolve(env);
            SettingsStore settingsStore = new SettingsStore(home.settingsFile(), env);
            Settings settings = settingsStore.load();
            TokenStore tokenStore = new TokenStore(home.tokensFile());
            StoreLoad load = tokenStore.load();
            return new Services(home, settings, load, tokenStore, settingsStore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the main window on the JavaFX thread, fills it with the saved list and checks it. */
    public MainWindow createWindow(Stage stage, HostServices host) {
        this.stage = stage;
        this.hostServices = host;
        model = new TokenListModel(discovery, settings.registryOrDefault(), tokenSaver::save, Clock.systemDefaultZone());
        everywhere = CheckEverywhere.forApp(http, model, () -> RegistryList.fromSettings(settings));
        MainWindow window = buildWindow();
        model.load(load.tokens());
        window.reportLoad(load);
        model.checkAll();
        return window;
    }

    /** The window for the model as it is; called again when the language changes. */
    private MainWindow buildWindow() {
        MainWindow window = new MainWindow(model, registry -> {
            settings = settings.withRegistry(registry);
            settingsSaver.save(settings);
        });
        window.setMenuBar(menuBar());
        everywhere.install(window);
        saveFailures = e -> Platform.runLater(() -> window.reportSaveFailure(e));
        this.window = window;
        return window;
    }

    private MenuBar menuBar() {
        MenuItem settingsItem = new MenuItem(Text.get("menu.file.settings"));
        settingsItem.setId("menuSettings");
        settingsItem.setAccelerator(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN));
        settingsItem.setOnAction(e -> new SettingsWindow(stage, settings, this::applySettings).show());
        MenuItem quit = new MenuItem(Text.get("menu.file.quit"));
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> Platform.exit());
        Menu file = new Menu(Text.get("menu.file"), null, settingsItem, new SeparatorMenuItem(), quit);

        MenuItem logs = new MenuItem(Text.get("menu.help.logs"));
        logs.setOnAction(e -> openFolder(home.logs()));
        MenuItem about = new MenuItem(Text.get("menu.help.about"));
        about.setOnAction(e -> {
            Alert alert = new Alert(Alert.AlertType.INFORMATION, Text.get("about.text", Version.current(), home.config().toString()));
            alert.initOwner(stage);
            alert.setHeaderText(Text.get("app.name"));
            alert.show();
        });
        Menu help = new Menu(Text.get("menu.help"), null, logs, about);
        MenuBar bar = new MenuBar(file, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private void openFolder(Path folder) {
        try {
            AtomicFile.createPrivateDirectories(folder);
        } catch (IOException e) {
            window.reportSaveFailure(e);
            return;
        }
        hostServices.showDocument(folder.toUri().toString());
    }

    /** Applies what the settings window saved: only what changed, and the window follows. */
    void applySettings(Settings updated) {
        Settings before = settings;
        settings = updated;
        settingsSaver.save(updated);
        if (updated.concurrency() != before.concurrency()) {
            discovery.setMaxInFlight(updated.concurrency());
        }
        if (!updated.registryOrDefault().equals(model.registry())) {
            model.setRegistry(updated.registryOrDefault());
            window.showRegistry();
        }
        boolean relabel = !updated.language().equals(before.language());
        if (relabel) {
            Text.use(updated.language());
            stage.setTitle(Text.get("app.name"));
            stage.getScene().setRoot(buildWindow().view());
        }
        if (!updated.theme().equals(before.theme())) {
            CompletableFuture.supplyAsync(() -> Theme.resolve(updated.theme())).thenAccept(t -> Platform.runLater(t::apply));
        }
    }

    /** The theme the settings ask for, resolved against the OS while opening. */
    public Theme theme() {
        return theme;
    }

    public Settings settings() {
        return settings;
    }

    public AppHome home() {
        return home;
    }

    public DiscoveryClient discovery() {
        return discovery;
    }

    @Override
    public void close() {
        tokenSaver.close();
        settingsSaver.close();
        if (everywhere != null) {
            everywhere.close();
        }
        discovery.close();
        Http.shutdown(http);
    }
}
