package org.tokendesk.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javafx.application.Platform;

import okhttp3.OkHttpClient;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.net.Http;
import org.tokendesk.store.AppHome;
import org.tokendesk.store.BackgroundSaver;
import org.tokendesk.store.SavedToken;
import org.tokendesk.store.Settings;
import org.tokendesk.store.SettingsStore;
import org.tokendesk.store.StoreLoad;
import org.tokendesk.store.TokenStore;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.main.TokenListModel;

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
    /** Where save failures go once the window exists; a failed save must not pass silently. */
    private volatile Consumer<IOException> saveFailures = e -> { };

    private Services(AppHome home, Settings settings, StoreLoad load, TokenStore tokenStore, SettingsStore settingsStore) {
        this.home = home;
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
    public MainWindow createWindow() {
        TokenListModel model = new TokenListModel(discovery, settings.registryOrDefault(), tokenSaver::save, Clock.systemDefaultZone());
        MainWindow window = new MainWindow(model, registry -> {
            settings = settings.withRegistry(registry);
            settingsSaver.save(settings);
        });
        saveFailures = e -> Platform.runLater(() -> window.reportSaveFailure(e));
        model.load(load.tokens());
        window.reportLoad(load);
        model.checkAll();
        return window;
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
        discovery.close();
        Http.shutdown(http);
    }
}
