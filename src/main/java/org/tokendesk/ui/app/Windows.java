package org.tokendesk.ui.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import javafx.application.HostServices;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.MenuBar;
import javafx.stage.Stage;

import org.tokendesk.Version;
import org.tokendesk.i18n.Text;
import org.tokendesk.log.Logs;
import org.tokendesk.store.AppHome;
import org.tokendesk.store.AtomicFile;
import org.tokendesk.store.SavedFile;
import org.tokendesk.store.SavedToken;
import org.tokendesk.store.Settings;
import org.tokendesk.store.TokenStore;
import org.tokendesk.ui.Theme;
import org.tokendesk.ui.chain.ChainRunner;
import org.tokendesk.ui.chain.ChainSection;
import org.tokendesk.ui.desktop.AppIcon;
import org.tokendesk.ui.desktop.TrayAndNotices;
import org.tokendesk.ui.desktop.WindowClose;
import org.tokendesk.ui.everywhere.CheckEverywhere;
import org.tokendesk.ui.history.HistoryUi;
import org.tokendesk.ui.keeponline.KeepOnlineSection;
import org.tokendesk.ui.liveness.ServiceSection;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.model.SettingsModel;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;
import org.tokendesk.ui.newtoken.NewTokenDialog;
import org.tokendesk.ui.ownregistry.RegistrySwitch;
import org.tokendesk.ui.ownregistry.RegistryWindow;
import org.tokendesk.ui.settings.SecretsSection;
import org.tokendesk.ui.settings.SettingsWindow;
import org.tokendesk.ui.transfer.TokenTransfer;
import org.tokendesk.ui.update.UpdateBanner;
import org.tokendesk.ui.update.UpdateSection;
import org.tokendesk.update.ReleaseVersion;
import org.tokendesk.update.UpdateService;

/**
 * The window side of the app, on the JavaFX thread: the main window with its tabs, banner and
 * menu (built again when the language changes), the tray, and the dialogs the menu opens.
 * {@link Services} wires the engine graph and hands this what the windows show and act on.
 */
final class Windows {
    /** What the windows use of the engine graph, as {@link Services} built it. */
    record Parts(AppHome home, SettingsModel settings, TokenStore tokenStore, TokenListModel model, CheckEverywhere everywhere,
                 ChainRunner chains, HistoryUi history, UpdateService updates, ExecutorService updateIo, ThreadPoolExecutor io,
                 RegistrySwitch ownRegistry) {
    }

    private final Stage stage;
    private final HostServices hostServices;
    private final Parts parts;
    private final TokenListModel model;
    private final SettingsModel settings;
    /** Told where save failures go once a window exists to show them. */
    private final Consumer<BiConsumer<SavedFile, IOException>> saveFailures;
    private final TokenTransfer transfer;
    private final TrayAndNotices tray;
    private final RegistryWindow ownRegistryWindow;
    private UpdateBanner updateBanner;
    private MainWindow window;

    Windows(Stage stage, HostServices host, Parts parts, Consumer<BiConsumer<SavedFile, IOException>> saveFailures) {
        this.stage = stage;
        this.hostServices = host;
        this.parts = parts;
        this.model = parts.model();
        this.settings = parts.settings();
        this.saveFailures = saveFailures;
        this.transfer = new TokenTransfer(stage, model, () -> this.window, parts.io());
        buildWindow();
        tray = new TrayAndNotices(stage, model, new WindowClose.Told() {
            @Override
            public boolean already() {
                return settings.get().trayHintShown();
            }

            @Override
            public void remember() {
                settings.update(Settings::withTrayHintShown);
            }
        }, (text, problem) -> this.window.announce(List.of(), text, problem));
        tray.installTray(AppIcon.resource(32), settings.get().startMinimized());
        ownRegistryWindow = new RegistryWindow(stage, parts.ownRegistry());
    }

    /** A notice for the user: in the window, and from the tray while the window is hidden. */
    void tell(String text, boolean problem) {
        tray.tell(text, problem);
    }

    MainWindow window() {
        return window;
    }

    UpdateBanner updateBanner() {
        return updateBanner;
    }

    /** The window for the model as it is; called again when the language changes. */
    private MainWindow buildWindow() {
        MainWindow window = new MainWindow(model, registry -> settings.update(s -> s.withRegistry(registry)));
        window.setMenuBar(menuBar());
        window.detail().addTab(new ServiceSection(model, window.detail().selection()));
        window.detail().addTab(new KeepOnlineSection(model, window.detail().selection()));
        parts.everywhere().install(window);
        // After Registries, which keeps its place (index 3) for the tests and the screenshots that select it.
        window.detail().addTab(new ChainSection(model::registry, () -> model.rows().stream().map(TokenRow::token).toList(), parts.chains(),
                window.detail().selection()));
        if (updateBanner == null) {
            ReleaseVersion running = ReleaseVersion.parse(Version.current()).orElse(new ReleaseVersion(List.of(0), List.of("dev")));
            updateBanner = new UpdateBanner(parts.updates(), running, uri -> hostServices.showDocument(uri.toString()), parts.updateIo());
        } else {
            updateBanner.relabel();
        }
        window.showBanner(updateBanner.view());
        parts.history().install(window);
        window.showOwnRegistry(parts.ownRegistry().statusLine(), this::openOwnRegistry);
        saveFailures.accept((file, e) -> Platform.runLater(() -> window.reportSaveFailure(file, e)));
        this.window = window;
        return window;
    }

    private MenuBar menuBar() {
        return AppMenu.build(new AppMenu.Actions(this::newToken, transfer::importTokens, transfer::importKeepOnline, transfer::exportTokens,
                this::openSettings, this::openOwnRegistry, Platform::exit, this::openLogs, this::about));
    }

    private void openOwnRegistry() {
        if (ownRegistryWindow != null) {
            ownRegistryWindow.show();
        }
    }

    private void about() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, Text.get("about.text", Version.current(), parts.home().config().toString()));
        alert.initOwner(stage);
        alert.setHeaderText(Text.get("app.name"));
        alert.show();
    }

    private void openSettings() {
        SettingsWindow settingsWindow = new SettingsWindow(stage, settings.get(), updated -> settings.update(s -> updated));
        settingsWindow.addSection(new SecretsSection(parts.tokenStore(), window::reportInfo, parts.io()).view());
        settingsWindow.addSection(new UpdateSection(parts.updates(), updateBanner, parts.updateIo()).view());
        settingsWindow.show();
    }

    private void newToken() {
        new NewTokenDialog(stage).showAndWait().ifPresent(made -> {
            SavedToken saved = SavedToken.added(made.token(), model.clock().instant())
                    .withLabel(made.label()).withKeepOnline(false, settings.get().defaultPort());
            List<TokenRow> added = model.addSaved(List.of(saved));
            window.announce(added, Text.get("newtoken.added", made.token().masked()), false);
        });
    }

    /** Help → Open log folder; the folder is made first (off the JavaFX thread) if nothing was logged yet. */
    private void openLogs() {
        Path folder = Logs.installed().map(Logs::folder).orElse(parts.home().logs());
        CompletableFuture.runAsync(() -> {
            try {
                AtomicFile.createPrivateDirectories(folder);
                Platform.runLater(() -> hostServices.showDocument(folder.toUri().toString()));
            } catch (IOException e) {
                Platform.runLater(() -> window.reportProblem(Text.get("ui.logFolderFailed", folder.toString(), String.valueOf(e.getMessage()))));
            }
        }, parts.io());
    }

    /** The window's part of following a settings change; the model has its new registry already when {@code registryChanged}. */
    void follow(Settings before, Settings updated, boolean registryChanged) {
        if (registryChanged) {
            window.showRegistry();
        }
        boolean relabel = !updated.language().equals(before.language());
        if (relabel) {
            Text.use(updated.language());
            stage.setTitle(Text.get("app.name"));
            stage.getScene().setRoot(buildWindow().view());
        }
        if (!updated.theme().equals(before.theme())) {
            CompletableFuture.supplyAsync(() -> Theme.resolve(updated.theme()), parts.io()).thenAccept(t -> Platform.runLater(t::apply));
        }
    }

    /** For quitting: the tray icon goes first. */
    void removeTray() {
        tray.remove();
    }
}
