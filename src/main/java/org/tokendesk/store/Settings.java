package org.tokendesk.store;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tokendesk.discovery.Registry;
import org.tokendesk.discovery.RegistryParse;

/**
 * The user's preferences. {@code registry} is the base URL lookups go to; {@code extraRegistries}
 * are the ones the user added to "check everywhere" besides the built-in public ones.
 * {@code checkEveryMinutes} schedules checks of every token (0: none); {@code checkKeptOnline} checks the
 * tokens kept online every 5 minutes even so (the history then says whether their bots could find them);
 * {@code alertAfterMinutes} is how long a token is down before the user is told (0: never);
 * {@code ownRegistry} is the registry this computer serves (off unless switched on);
 * {@code registryCaFiles} maps a registry (its base URL as {@code registry} and {@code extraRegistries}
 * spell it) to a PEM file of the CA to trust for it besides the system's (none by default).
 */
public record Settings(
        String registry,
        List<String> extraRegistries,
        int defaultPort,
        int concurrency,
        String language,
        String theme,
        boolean startMinimized,
        boolean trayHintShown,
        int checkEveryMinutes,
        boolean checkKeptOnline,
        int alertAfterMinutes,
        OwnRegistry ownRegistry,
        Map<String, String> registryCaFiles) {

    public static final int SCHEMA = 1;
    /** What Settings offers for "check tokens every N minutes"; 0 is off (the default). */
    public static final List<Integer> CHECK_CHOICES = List.of(0, 1, 5, 15, 30, 60);
    /** The longest schedule a hand-edited file may ask for: a day. */
    public static final int CHECK_EVERY_MAX = 24 * 60;
    /** What Settings offers for "tell me when a token is down longer than N minutes"; 0 is off. */
    public static final List<Integer> ALERT_CHOICES = List.of(0, 1, 2, 5, 10, 15, 30, 60);
    public static final int ALERT_AFTER_DEFAULT = 5;

    public Settings {
        extraRegistries = extraRegistries == null ? List.of() : List.copyOf(extraRegistries);
        language = language == null ? "system" : language;
        theme = theme == null ? "system" : theme;
        if (defaultPort < 1 || defaultPort > 65535) {
            defaultPort = SavedToken.DEFAULT_PORT;
        }
        if (concurrency < 1 || concurrency > 256) {
            concurrency = 16;
        }
        if (checkEveryMinutes < 0 || checkEveryMinutes > CHECK_EVERY_MAX) {
            checkEveryMinutes = 0;
        }
        if (alertAfterMinutes < 0 || alertAfterMinutes > CHECK_EVERY_MAX) {
            alertAfterMinutes = ALERT_AFTER_DEFAULT;
        }
        // Files from before the registry existed have none: it is off.
        ownRegistry = ownRegistry == null ? OwnRegistry.OFF : ownRegistry;
        // Files from before CA files had none; sorted so that saving twice writes the same file.
        registryCaFiles = registryCaFiles == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(registryCaFiles));
    }

    /** Without CA files for registries. */
    public Settings(String registry, List<String> extraRegistries, int defaultPort, int concurrency, String language,
                    String theme, boolean startMinimized, boolean trayHintShown, int checkEveryMinutes, boolean checkKeptOnline,
                    int alertAfterMinutes, OwnRegistry ownRegistry) {
        this(registry, extraRegistries, defaultPort, concurrency, language, theme, startMinimized, trayHintShown, checkEveryMinutes,
                checkKeptOnline, alertAfterMinutes, ownRegistry, Map.of());
    }

    /** Without the registry on this computer (off). */
    public Settings(String registry, List<String> extraRegistries, int defaultPort, int concurrency, String language,
                    String theme, boolean startMinimized, boolean trayHintShown, int checkEveryMinutes, boolean checkKeptOnline,
                    int alertAfterMinutes) {
        this(registry, extraRegistries, defaultPort, concurrency, language, theme, startMinimized, trayHintShown, checkEveryMinutes,
                checkKeptOnline, alertAfterMinutes, OwnRegistry.OFF);
    }

    /** With the default schedule (none, except for tokens kept online) and alerts. */
    public Settings(String registry, List<String> extraRegistries, int defaultPort, int concurrency, String language,
                    String theme, boolean startMinimized, boolean trayHintShown, OwnRegistry ownRegistry) {
        this(registry, extraRegistries, defaultPort, concurrency, language, theme, startMinimized, trayHintShown, 0, true,
                ALERT_AFTER_DEFAULT, ownRegistry);
    }

    /** Without a schedule of checks: off, except for tokens kept online (the defaults). */
    public Settings(String registry, List<String> extraRegistries, int defaultPort, int concurrency, String language,
                    String theme, boolean startMinimized, boolean trayHintShown) {
        this(registry, extraRegistries, defaultPort, concurrency, language, theme, startMinimized, trayHintShown, 0, true,
                ALERT_AFTER_DEFAULT);
    }

    public Settings(String registry, List<String> extraRegistries, int defaultPort, int concurrency, String language,
                    String theme, boolean startMinimized) {
        this(registry, extraRegistries, defaultPort, concurrency, language, theme, startMinimized, false);
    }

    /** The user was told once that closing the window keeps tokens online from the tray. */
    public Settings withTrayHintShown() {
        return new Settings(registry, extraRegistries, defaultPort, concurrency, language, theme, startMinimized, true,
                checkEveryMinutes, checkKeptOnline, alertAfterMinutes, ownRegistry, registryCaFiles);
    }

    /** Tells the user about a token down longer than {@code minutes} (0: never). */
    public Settings withAlertAfter(int minutes) {
        return new Settings(registry, extraRegistries, defaultPort, concurrency, language, theme, startMinimized, trayHintShown,
                checkEveryMinutes, checkKeptOnline, minutes, ownRegistry, registryCaFiles);
    }

    /** Checks every {@code everyMinutes} (0: no schedule), and whether tokens kept online are checked regardless. */
    public Settings withSchedule(int everyMinutes, boolean keptOnline) {
        return new Settings(registry, extraRegistries, defaultPort, concurrency, language, theme, startMinimized, trayHintShown,
                everyMinutes, keptOnline, alertAfterMinutes, ownRegistry, registryCaFiles);
    }

    /** First-start settings: the registry follows {@code WECHATY_PUPPET_SERVICE_AUTHORITY}, as the SDKs do. */
    public static Settings defaults(Map<String, String> env) {
        return new Settings(Registry.fromEnvironment(env).baseUrl().toString(), List.of(), SavedToken.DEFAULT_PORT, 16,
                "system", "system", false);
    }

    /** The registry to ask; a saved value that no longer parses falls back to the default. */
    public Registry registryOrDefault() {
        return Registry.parse(registry) instanceof RegistryParse.Valid v ? v.registry() : Registry.CHATIE;
    }

    public Settings withRegistry(Registry r) {
        return new Settings(r.baseUrl().toString(), extraRegistries, defaultPort, concurrency, language, theme, startMinimized, trayHintShown,
                checkEveryMinutes, checkKeptOnline, alertAfterMinutes, ownRegistry, registryCaFiles);
    }

    public Settings withExtraRegistries(List<String> extras) {
        return new Settings(registry, extras, defaultPort, concurrency, language, theme, startMinimized, trayHintShown,
                checkEveryMinutes, checkKeptOnline, alertAfterMinutes, ownRegistry, registryCaFiles);
    }

    /** The CA files to trust per registry (base URL to PEM path), in place of the earlier ones. */
    public Settings withRegistryCaFiles(Map<String, String> files) {
        return new Settings(registry, extraRegistries, defaultPort, concurrency, language, theme, startMinimized, trayHintShown,
                checkEveryMinutes, checkKeptOnline, alertAfterMinutes, ownRegistry, files);
    }

    /** The CA file saved for {@code r}, if any (matched by base URL, as the settings spell it). */
    public java.util.Optional<String> caFileFor(Registry r) {
        String exact = registryCaFiles.get(r.baseUrl().toString());
        if (exact != null) {
            return java.util.Optional.of(exact);
        }
        for (Map.Entry<String, String> e : registryCaFiles.entrySet()) {
            if (Registry.parse(e.getKey()) instanceof RegistryParse.Valid v && v.registry().equals(r)) {
                return java.util.Optional.of(e.getValue());
            }
        }
        return java.util.Optional.empty();
    }

    public Settings withOwnRegistry(OwnRegistry own) {
        return new Settings(registry, extraRegistries, defaultPort, concurrency, language, theme, startMinimized, trayHintShown,
                checkEveryMinutes, checkKeptOnline, alertAfterMinutes, own, registryCaFiles);
    }
}
