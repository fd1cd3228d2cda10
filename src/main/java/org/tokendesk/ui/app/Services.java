package org.tokendesk.ui.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.application.HostServices;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.stage.Stage;

import okhttp3.OkHttpClient;

import org.tokendesk.chain.ChainCheck;
import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Registry;
import org.tokendesk.everywhere.RegistryList;
import org.tokendesk.history.CheckSchedule;
import org.tokendesk.history.OutageWatch;
import org.tokendesk.i18n.RegistryCaWords;
import org.tokendesk.i18n.Text;
import org.tokendesk.log.Logs;
import org.tokendesk.net.ExtraTrust;
import org.tokendesk.regca.RegistryCaTrust;
import org.tokendesk.regca.RegistryCas;
import org.tokendesk.net.Http;
import org.tokendesk.net.Workers;
import org.tokendesk.probe.Probe;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.registration.KeepOnline;
import org.tokendesk.registration.Timing;
import org.tokendesk.secrets.KeyringCheck;
import org.tokendesk.secrets.OsKeyring;
import org.tokendesk.store.AppHome;
import org.tokendesk.store.Leftovers;
import org.tokendesk.store.BackgroundSaver;
import org.tokendesk.store.SavedFile;
import org.tokendesk.store.SavedToken;
import org.tokendesk.store.Settings;
import org.tokendesk.store.SettingsLoad;
import org.tokendesk.store.SettingsStore;
import org.tokendesk.store.StoreLoad;
import org.tokendesk.store.TokenStore;
import org.tokendesk.ui.everywhere.CheckEverywhere;
import org.tokendesk.ui.history.HistoryUi;
import org.tokendesk.ui.history.OutageAlerts;
import org.tokendesk.ui.history.ScheduledChecks;
import org.tokendesk.ui.chain.ChainRunner;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.model.SettingsModel;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;
import org.tokendesk.ui.ownregistry.RegistrySwitch;
import org.tokendesk.update.UpdateChecker;
import org.tokendesk.update.UpdatePolicy;
import org.tokendesk.update.UpdatePreferencesStore;
import org.tokendesk.update.UpdateService;

import org.tokendesk.ui.Theme;

/**
 * What stands behind the window: files, settings, the HTTP client and the lookup pool. Opened off
 * the JavaFX thread (the OS folder lookup and file reads are I/O); the window is made from it on
 * the JavaFX thread, by {@link Windows}, which builds the windows, menus, dialogs and the tray.
 */
public final class Services implements AutoCloseable {
    private final AppHome home;
    private final OkHttpClient http;
    private final DiscoveryClient discovery;
    private final KeepOnline keepOnline;
    private final Probe prober;
    private final ChainRunner chains;
    /** The registry on this computer's CA, trusted at its address only, while it runs. */
    private final ExtraTrust ownTrust = new ExtraTrust();
    /** The CA files of Settings, granted in {@link #ownTrust} beside the own registry's CA. */
    private final RegistryCaTrust registryCas = new RegistryCaTrust(ownTrust);
    private final RegistrySwitch ownRegistry;
    private final TokenStore tokenStore;
    private final List<String> startupProblems = new ArrayList<>();
    private final BackgroundSaver<List<SavedToken>> tokenSaver;
    private final BackgroundSaver<Settings> settingsSaver;
    private final StoreLoad load;
    private final SettingsModel settings;
    private TokenListModel model;
    private CheckEverywhere everywhere;
    private HistoryUi history;
    private Windows windows;
    /** The one timer thread of the scheduled checks; the checks themselves run on the lookup pool. */
    private final ScheduledExecutorService scheduleTimer = Executors.newSingleThreadScheduledExecutor(Workers.daemon("check-schedule"));
    private ScheduledChecks scheduled;
    private OutageAlerts outages;
    private final Theme theme;
    private final ThreadPoolExecutor io;
    private final UpdateService updates;
    private final ExecutorService updateIo = Workers.bounded("update-check", 1);
    private static final Logger LOG = Logger.getLogger(Services.class.getName());
    /** Where save failures go once the window exists; a failed save must not pass silently. */
    private volatile BiConsumer<SavedFile, IOException> saveFailures = (file, e) -> LOG.log(Level.WARNING, "saving " + file + " failed", e);

    private Services(AppHome home, Settings settings, Theme theme, StoreLoad load, TokenStore tokenStore,
                     SettingsStore settingsStore, Map<String, String> env, OkHttpClient http, ThreadPoolExecutor io) {
        this.tokenStore = tokenStore;
        this.io = io;
        this.home = home;
        this.theme = theme;
        this.settingsSaver = new BackgroundSaver<>(settingsStore::save, e -> saveFailures.accept(SavedFile.SETTINGS, e));
        this.settings = new SettingsModel(settings, settingsSaver::save);
        this.load = load;
        this.http = http;
        // Read here, off the JavaFX thread and before the first check, so that no lookup runs untrusted.
        registryCas.apply(settings.registryCaFiles()).unusable().forEach(u -> startupProblems.add(unusable(u)));
        this.discovery = new DiscoveryClient(http, settings.concurrency()).trust(ownTrust);
        this.keepOnline = new KeepOnline(discovery, Timing.DEFAULT);
        keepOnline.trust(ownTrust);
        // The CLI's folder: one CA for `tokendesk registry` and the window's, so clients trust both.
        this.ownRegistry = new RegistrySwitch(home.config().resolve("registry"), ownTrust);
        this.prober = new Probe(http, probeConfig(env), Probe.DEFAULT_IN_FLIGHT);
        this.chains = new ChainRunner(new ChainCheck(discovery, http, prober.config()));
        this.tokenSaver = new BackgroundSaver<>(tokenStore::save, e -> saveFailures.accept(SavedFile.TOKEN_LIST, e));
        UpdatePolicy updatePolicy = UpdatePolicy.from(System.getProperties());
        this.updates = new UpdateService(UpdatePreferencesStore.in(home.config()), updatePolicy,
                new UpdateChecker(http, updatePolicy.feed(), UpdateChecker.TIMEOUTS), Clock.systemUTC());
    }

    private static String unusable(RegistryCas.Unusable u) {
        return Text.get("settings.ca.invalid", u.registry(), RegistryCaWords.of(u.problem(), u.file()));
    }

    /** A changed CA file is read off the JavaFX thread; the list is checked again when the list's registry's CA changed. */
    private void followCas(Settings before, Settings updated) {
        if (updated.registryCaFiles().equals(before.registryCaFiles())) {
            return;
        }
        Registry listed = updated.registryOrDefault();
        boolean listedChanged = !before.caFileFor(listed).equals(updated.caFileFor(listed));
        Map<String, String> files = updated.registryCaFiles();
        io.execute(() -> {
            RegistryCas.Built built = registryCas.apply(files);
            Platform.runLater(() -> {
                built.unusable().forEach(u -> windows.window().reportProblem(unusable(u)));
                if (listedChanged && model != null) {
                    model.checkAll();
                }
            });
        });
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

    private static Services open(Map<String, String> env, Supplier<OkHttpClient> http, Consumer<Theme> onLook) {
        // The keyring check (D-Bus, up to a second where none answers) and the TLS set-up of the HTTP
        // client are the slow parts: they run beside the file reads instead of after them.
        // Two tasks, four threads: this thread's joins below never wait for a place in the queue.
        ThreadPoolExecutor io = Workers.blockingIo();
        CompletableFuture<KeyringCheck> keyring = CompletableFuture.supplyAsync(() -> OsKeyring.detect(env), io);
        CompletableFuture<OkHttpClient> client = CompletableFuture.supplyAsync(http, io);
        try {
            AppHome home = AppHome.resolve(env);
            Leftovers.clean(home);
            SettingsStore settingsStore = new SettingsStore(home.settingsFile(), env);
            SettingsLoad settingsLoad = settingsStore.read();
            Settings settings = settingsLoad.settings();
            Theme theme = Theme.resolve(settings.theme());
            Text.use(settings.language());
            onLook.accept(theme);
            TokenStore tokenStore = new TokenStore(home.tokensFile(), keyring.join());
            StoreLoad load = tokenStore.load();
            LOG.info(() -> "token list: " + load.getClass().getSimpleName() + ", " + load.tokens().size() + " tokens; settings: "
                    + settingsLoad.getClass().getSimpleName() + "; secrets: " + tokenStore.storage());
            Services services = new Services(home, settings, theme, load, tokenStore, settingsStore, env, client.join(), io);
            if (settingsLoad instanceof SettingsLoad.SetAside aside) {
                services.startupProblems.add(Text.get("ui.settingsSetAside", aside.reason(), aside.movedTo().toString()));
            }
            return services;
        } catch (IOException e) {
            io.shutdownNow();
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the main window on the JavaFX thread, fills it with the saved list and checks it. */
    public MainWindow createWindow(Stage stage, HostServices host) {
        model = new TokenListModel(discovery, keepOnline, prober, settings.get().registryOrDefault(), settings.get().defaultPort(),
                tokenSaver::save, Clock.systemDefaultZone());
        everywhere = CheckEverywhere.forApp(http, ownTrust, model, () -> {
            RegistryList list = RegistryList.fromSettings(settings.get());
            return ownRegistry.address().map(list::withOwn).orElse(list);
        });
        settings.current().addListener((o, before, now) -> follow(before, now));
        outages = new OutageAlerts(model, OutageWatch.minutes(settings.get().alertAfterMinutes()), scheduleTimer, Platform::runLater,
                Clock.systemDefaultZone(), OutageAlerts.TICK, (text, problem) -> {
                    if (windows != null) {
                        windows.tell(text, problem);
                    }
                });
        history = HistoryUi.start(home, model, outages::heard);
        windows = new Windows(stage, host, new Windows.Parts(home, settings, tokenStore, model, everywhere, chains, history, updates, updateIo, io,
                ownRegistry), shown -> saveFailures = (file, e) -> {
                    LOG.log(Level.WARNING, "saving " + file + " failed", e);
                    shown.accept(file, e);
                });
        MainWindow window = windows.window();
        // The log masks every token the user has, not only those shaped like a modern token.
        model.rows().addListener((ListChangeListener<TokenRow>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(row -> Logs.installed().ifPresent(logs -> logs.remember(row.token())));
            }
        });
        model.load(load.tokens());
        window.reportLoad(load);
        startupProblems.forEach(window::reportProblem);
        model.checkAll();
        scheduled = new ScheduledChecks(model, schedule(settings.get()), scheduleTimer, Platform::runLater, Clock.systemUTC(),
                ScheduledChecks.TICK);
        windows.updateBanner().start();
        ownRegistry.state().addListener((o, was, now) -> {
            if (now instanceof RegistrySwitch.State.Failed failed) {
                windows.window().reportProblem(failed.message());
            }
        });
        // Started here, when saved on: off the JavaFX thread, the window does not wait for it.
        ownRegistry.follow(settings);
        return window;
    }

    private static CheckSchedule schedule(Settings s) {
        return CheckSchedule.of(s.checkEveryMinutes(), s.checkKeptOnline());
    }

    /** What follows a change of the settings (saved by the model already): only what changed. */
    private void follow(Settings before, Settings updated) {
        if (scheduled != null) {
            scheduled.use(schedule(updated));
        }
        if (outages != null) {
            outages.use(OutageWatch.minutes(updated.alertAfterMinutes()));
        }
        followCas(before, updated);
        if (updated.concurrency() != before.concurrency()) {
            discovery.setMaxInFlight(updated.concurrency());
        }
        boolean registryChanged = !updated.registryOrDefault().equals(model.registry());
        if (registryChanged) {
            model.setRegistry(updated.registryOrDefault());
        }
        windows.follow(before, updated, registryChanged);
    }

    /** The theme the settings ask for, resolved against the OS while opening. */
    public Theme theme() {
        return theme;
    }

    public Settings settings() {
        return settings.get();
    }

    public AppHome home() {
        return home;
    }

    public DiscoveryClient discovery() {
        return discovery;
    }

    /** The scheduled checks' and outage alerts' timer thread. */
    ScheduledExecutorService scheduleTimer() {
        return scheduleTimer;
    }

    /** The named, bounded pool for keyring, file and {@code gsettings} calls. */
    ThreadPoolExecutor blockingIo() {
        return io;
    }

    /** The whole of quitting: close frames, pending saves, pools. Past it the app exits anyway (saves finish on their own threads). */
    static final Duration QUIT_DEADLINE = Duration.ofSeconds(8);

    /** Closes everything on a thread of its own, waiting at most {@link #QUIT_DEADLINE}: the JavaFX thread never waits longer. */
    @Override
    public void close() {
        closeWithin(QUIT_DEADLINE);
    }

    /** @return whether everything was closed in time */
    boolean closeWithin(Duration deadline) {
        Thread quit = new Thread(this::closeNow, "quit");
        quit.setDaemon(true);
        quit.start();
        try {
            quit.join(Math.max(1, deadline.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (quit.isAlive()) {
            LOG.warning(() -> "quitting took over " + deadline.toSeconds() + " s; leaving the rest to the exit");
            return false;
        }
        return true;
    }

    private void closeNow() {
        if (windows != null) {
            windows.removeTray();
        }
        scheduleTimer.shutdownNow();
        // Close frames first: the registry must not keep a stale connection that shadows the next start.
        keepOnline.close();
        // After keep-online: tokens kept online at this registry said goodbye to it first.
        ownRegistry.close();
        if (history != null) {
            history.close();
        }
        tokenSaver.close();
        settingsSaver.close();
        if (everywhere != null) {
            everywhere.close();
        }
        tokenStore.closeKeyring();
        prober.close();
        updateIo.shutdownNow();
        chains.close();
        discovery.close();
        Http.shutdown(http);
        io.shutdownNow();
    }
}
