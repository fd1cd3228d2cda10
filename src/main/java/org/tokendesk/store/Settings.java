package org.tokendesk.store;

import java.util.List;
import java.util.Map;

import org.tokendesk.discovery.Registry;
import org.tokendesk.discovery.RegistryParse;

/**
 * The user's preferences. {@code registry} is the base URL lookups go to; {@code extraRegistries}
 * are the ones the user added to "check everywhere" besides the built-in public ones.
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
        OwnRegistry ownRegistry) {

    public static final int SCHEMA = 1;

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
        // Files from before the registry existed have none: it is off.
        ownRegistry = ownRegistry == null ? OwnRegistry.OFF : ownRegistry;
    }

    public Settings(String registry, List<String> extraRegistries, int defaultPort, int concurrency, String language,
                    String theme, boolean startMinimized, boolean trayHintShown) {
        this(registry, extraRegistries, defaultPort, concurrency, language, theme, startMinimized, trayHintShown, OwnRegistry.OFF);
    }

    public Settings(String registry, List<String> extraRegistries, int defaultPort, int concurrency, String language,
                    String theme, boolean startMinimized) {
        this(registry, extraRegistries, defaultPort, concurrency, language, theme, startMinimized, false);
    }

    /** The user was told once that closing the window keeps tokens online from the tray. */
    public Settings withTrayHintShown() {
        return new Settings(registry, extraRegistries, defaultPort, concurrency, language, theme, startMinimized, true, ownRegistry);
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
                ownRegistry);
    }

    public Settings withExtraRegistries(List<String> extras) {
        return new Settings(registry, extras, defaultPort, concurrency, language, theme, startMinimized, trayHintShown, ownRegistry);
    }

    public Settings withOwnRegistry(OwnRegistry own) {
        return new Settings(registry, extraRegistries, defaultPort, concurrency, language, theme, startMinimized, trayHintShown, own);
    }
}
