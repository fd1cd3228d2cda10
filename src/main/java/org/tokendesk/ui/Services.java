package org.tokendesk.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import javafx.application.HostServices;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
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
import org.tokendesk.export.ExportFormat;
import org.tokendesk.export.ImportResult;
import org.tokendesk.export.ImportedEntry;
import org.tokendesk.export.TokenExport;
import org.tokendesk.export.TokenImport;
import org.tokendesk.i18n.Words;
import org.tokendesk.log.Logs;
import org.tokendesk.token.Token;
import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.everywhere.RegistryList;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.probe.Probe;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.registration.KeepOnline;
import org.tokendesk.secrets.OsKeyring;
import org.tokendesk.registration.Timing;
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
import org.tokendesk.ui.desktop.DesktopLife;
import org.tokendesk.ui.desktop.WindowClose;
import org.tokendesk.ui.keeponline.KeepOnlineSection;
import org.tokendesk.ui.liveness.ServiceSection;
import org.tokendesk.ui.main.TokenListModel;
import org.tokendesk.ui.main.TokenRow;
import org.tokendesk.ui.newtoken.NewTokenDialog;
import org.tokendesk.ui.settings.SecretsSection;
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
    private final KeepOnline keepOnline;
    private final Probe prober;
    private final TokenStore tokenStore;
    private final java.util.List<String> startupProblems = new java.util.ArrayList<>();
    private final BackgroundSaver<List<SavedToken>> tokenSaver;
    private final BackgroundSaver<Settings> settingsSaver;
    private final StoreLoad load;
    private Settings settings;
    private TokenListModel model;
    private MainWindow window;
    private CheckEverywhere everywhere;
    private Stage stage;
    private HostServices hostServices;
    private DesktopLife desktop;
    private final Theme theme;
    /** Where save failures go once the window exists; a failed save must not pass silently. */
    private volatile Consumer<IOException> saveFailures = e -> { };

    private Services(AppHome home, Settings settings, Theme theme, StoreLoad load, TokenStore tokenStore,
                     SettingsStore settingsStore, Map<String, String> env, OkHttpClient http) {
        this.tokenStore = tokenStore;
        this.home = home;
        this.theme = theme;
        this.settings = settings;
        this.load = load;
        this.http = http;
        this.discovery = new DiscoveryClient(http, settings.concurrency());
        this.keepOnline = new KeepOnline(discovery, Timing.DEFAULT);
        this.prober = new Probe(http, probeConfig(env), Probe.DEFAULT_IN_FLIGHT);
        this.tokenSaver = new BackgroundSaver<>(tokenStore::save, e -> saveFailures.accept(e));
        this.settingsSaver = new BackgroundSaver<>(settingsStore::save, e -> saveFailures.accept(e));
    }

    /** The SDK's TLS variables, as a bot started from this environment would use them; a bad one is reported, not fatal. */
    private ProbeConfig probeConfig(Map<String, String> env) {
        try {
            return ProbeConfig.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            startupProblems.add(e.getMessage());
            return ProbeConfig.defaults();
        }
    }

    public static Services open(Map<String, String> env) {
        return open(env, theme -> { });
    }

    /**
     * {@code onLook} hears the saved theme as soon as the settings are read (their language is in use
     * by then), before the tokens, the keyring and the network open: the placeholder can wear it.
     */
    public static Services open(Map<String, String> env, Consumer<Theme> onLook) {
        return open(env, () -> Http.newClient(Http.Timeouts.DISCOVERY), onLook);
    }

    /** With a client of the caller's (the screenshot demo's keeps every request on loopback); closed with these services. */
    public static Services open(Map<String, String> env, OkHttpClient http) {
        return open(env, () -> http, theme -> { });
    }

    private static Services open(Map<String, String> env, java.util.function.Supplier<OkHttpClient> http, Consumer<Theme> onLook) {
        try {
            AppHome home = AppHome.resolve(env);
            SettingsStore settingsStore = new SettingsStore(home.settingsFile(), env);
            Settings settings = settingsStore.load();
            Theme theme = Theme.resolve(settings.theme());
            Text.use(settings.language());
            onLook.accept(theme);
            TokenStore tokenStore = new TokenStore(home.tokensFile(), OsKeyring.detect(env));
            StoreLoad load = tokenStore.load();
            return new Services(home, settings, theme, load, tokenStore, settingsStore, env, http.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the main window on the JavaFX thread, fills it with the saved list and checks it. */
    public MainWindow createWindow(Stage stage, HostServices host) {
        this.stage = stage;
        this.hostServices = host;
        model = new TokenListModel(discovery, keepOnline, prober, settings.registryOrDefault(), settings.defaultPort(),
                tokenSaver::save, Clock.systemDefaultZone());
        everywhere = CheckEverywhere.forApp(http, model, () -> RegistryList.fromSettings(settings));
        MainWindow window = buildWindow();
        desktop = new DesktopLife(stage, model, new WindowClose.Told() {
            @Override
            public boolean already() {
                return settings.trayHintShown();
            }

            @Override
            public void remember() {
                settings = settings.withTrayHintShown();
                settingsSaver.save(settings);
            }
        }, (text, problem) -> this.window.announce(List.of(), text, problem));
        desktop.installTray(Services.class.getResource("/org/tokendesk/desktop/icon-32.png"), settings.startMinimized());
        // The log masks every token the user has, not only those shaped like a modern token.
        model.rows().addListener((javafx.collections.ListChangeListener<TokenRow>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(row -> Logs.installed().ifPresent(logs -> logs.remember(row.token())));
            }
        });
        model.load(load.tokens());
        window.reportLoad(load);
        startupProblems.forEach(window::reportProblem);
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
        window.detail().addTab(new ServiceSection(model));
        window.detail().addTab(new KeepOnlineSection(model));
        everywhere.install(window);
        saveFailures = e -> Platform.runLater(() -> window.reportSaveFailure(e));
        this.window = window;
        return window;
    }

    private MenuBar menuBar() {
        MenuItem settingsItem = new MenuItem(Text.get("menu.file.settings"));
        settingsItem.setId("menuSettings");
        settingsItem.setAccelerator(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN));
        settingsItem.setOnAction(e -> openSettings());
        MenuItem quit = new MenuItem(Text.get("menu.file.quit"));
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> Platform.exit());
        MenuItem newToken = new MenuItem(Text.get("menu.file.newToken"));
        newToken.setId("menuNewToken");
        newToken.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        newToken.setOnAction(e -> newToken());
        MenuItem importItem = new MenuItem(Text.get("menu.file.import"));
        importItem.setOnAction(e -> importTokens());
        MenuItem exportItem = new MenuItem(Text.get("menu.file.export"));
        exportItem.setOnAction(e -> exportTokens());
        Menu file = new Menu(Text.get("menu.file"), null, newToken, new SeparatorMenuItem(), importItem, exportItem,
                new SeparatorMenuItem(), settingsItem, new SeparatorMenuItem(), quit);

        MenuItem logs = new MenuItem(Text.get("menu.help.logs"));
        logs.setOnAction(e -> openFolder(Logs.installed().map(Logs::folder).orElse(home.logs())));
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

    private void openSettings() {
        SettingsWindow settingsWindow = new SettingsWindow(stage, settings, this::applySettings);
        settingsWindow.addSection(new SecretsSection(tokenStore, window::reportInfo).view());
        settingsWindow.show();
    }

    private void newToken() {
        new NewTokenDialog(stage).showAndWait().ifPresent(made -> {
            SavedToken saved = SavedToken.added(made.token(), model.clock().instant())
                    .withLabel(made.label()).withKeepOnline(false, settings.defaultPort());
            List<TokenRow> added = model.addSaved(List.of(saved));
            window.announce(added, Text.get("newtoken.added", made.token().masked()), false);
        });
    }

    /** Export: the warning first (the file holds whole tokens), then where; written off the JavaFX thread. */
    private void exportTokens() {
        ButtonType json = new ButtonType(Text.get("export.confirm.json"));
        ButtonType dotenv = new ButtonType(Text.get("export.confirm.dotenv"));
        Alert warning = new Alert(Alert.AlertType.WARNING, Text.get("export.warning"), json, dotenv, ButtonType.CANCEL);
        warning.initOwner(stage);
        warning.setTitle(Text.get("export.confirm.title"));
        warning.setHeaderText(Text.get("export.confirm.title"));
        Optional<ButtonType> choice = warning.showAndWait();
        if (choice.isEmpty() || choice.get() == ButtonType.CANCEL) {
            return;
        }
        ExportFormat format = choice.get() == json ? ExportFormat.JSON : ExportFormat.DOTENV;
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Text.get("export.confirm.title"));
        chooser.setInitialFileName(format == ExportFormat.JSON ? "tokendesk-tokens.json" : "tokens.env");
        java.io.File target = chooser.showSaveDialog(stage);
        if (target == null) {
            return;
        }
        List<SavedToken> snapshot = model.rows().stream().map(TokenRow::toSaved).toList();
        CompletableFuture.runAsync(() -> {
            try {
                TokenExport.write(target.toPath(), snapshot, format, model.clock().instant());
                Platform.runLater(() -> window.reportInfo(Text.get("export.done", snapshot.size(), target.toString())));
            } catch (IOException e) {
                Platform.runLater(() -> window.reportProblem(Text.get("ui.saveFailed", String.valueOf(e.getMessage()))));
            }
        });
    }

    private void importTokens() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Text.get("import.title"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(Text.get("import.filter"), "*.json", "*.env", "*.txt"),
                new FileChooser.ExtensionFilter("*", "*"));
        java.io.File source = chooser.showOpenDialog(stage);
        if (source == null) {
            return;
        }
        List<Token> existing = model.rows().stream().map(TokenRow::token).toList();
        CompletableFuture.supplyAsync(() -> TokenImport.read(source.toPath(), existing, model.clock().instant()))
                .thenAccept(result -> Platform.runLater(() -> showImport(result)));
    }

    private void showImport(ImportResult result) {
        if (result instanceof ImportResult.Unreadable unreadable) {
            window.reportProblem(Words.of(unreadable));
            return;
        }
        ImportResult.Read read = (ImportResult.Read) result;
        List<TokenRow> added = model.addSaved(read.accepted().stream().map(ImportedEntry.Accepted::token).toList());
        List<String> lines = new java.util.ArrayList<>();
        lines.add(Text.get("import.done", added.size()));
        read.entries().stream().map(Words::of).filter(s -> !s.isEmpty()).limit(5).forEach(lines::add);
        window.announce(added, String.join("  ", lines), added.size() < read.entries().size());
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
        if (desktop != null) {
            desktop.remove();
        }
        // Close frames first: the registry must not keep a stale connection that shadows the next start.
        keepOnline.close();
        tokenSaver.close();
        settingsSaver.close();
        if (everywhere != null) {
            everywhere.close();
        }
        tokenStore.closeKeyring();
        prober.close();
        discovery.close();
        Http.shutdown(http);
    }
}
