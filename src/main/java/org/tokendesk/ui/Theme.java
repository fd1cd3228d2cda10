package org.tokendesk.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javafx.application.Application;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

/** Light or dark AtlantaFX theme; "system" follows the OS setting as far as JavaFX 21 can learn it. */
public enum Theme {
    LIGHT, DARK;

    /** "light", "dark" or "system" (settings). May start a short-lived OS command: call off the JavaFX thread. */
    public static Theme resolve(String setting) {
        if ("dark".equals(setting)) {
            return DARK;
        }
        if ("light".equals(setting)) {
            return LIGHT;
        }
        return systemPrefersDark() ? DARK : LIGHT;
    }

    public void apply() {
        Application.setUserAgentStylesheet(this == DARK
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    static boolean systemPrefersDark() {
        return prefersDark(System.getProperty("os.name", ""), System.getenv(), Theme::ask);
    }

    /**
     * What the OS says, from its own setting: macOS's AppleInterfaceStyle, Windows's
     * AppsUseLightTheme, on Linux GTK_THEME, then GNOME's color-scheme (GNOME 42+) and, before it,
     * a dark GTK theme's name. {@code ask} runs a command and returns its output, "" when it fails.
     */
    static boolean prefersDark(String osName, Map<String, String> env, Function<List<String>, String> ask) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            // "Dark" when dark; an error naming the missing key when light.
            return ask.apply(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).strip().equalsIgnoreCase("dark");
        }
        if (os.contains("win")) {
            // "    AppsUseLightTheme    REG_DWORD    0x0" when dark; no such line where never set (light).
            String out = ask.apply(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme"));
            return out.lines().map(String::strip).filter(l -> l.startsWith("AppsUseLightTheme"))
                    .anyMatch(l -> l.matches("AppsUseLightTheme\\s+REG_DWORD\\s+0x0+"));
        }
        if (env.getOrDefault("GTK_THEME", "").toLowerCase(Locale.ROOT).contains("dark")) {
            return true;
        }
        String scheme = ask.apply(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"));
        if (scheme.contains("prefer-dark")) {
            return true;
        }
        if (scheme.contains("prefer-light")) {
            return false;
        }
        return ask.apply(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme")).toLowerCase(Locale.ROOT).contains("dark");
    }

    /** The command's output, or "" when it is missing, fails or takes longer than a second. */
    static String ask(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                if (!p.waitFor(1, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return "";
                }
                return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
