package org.tokendesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** "Follow the OS": each OS's answer as its command prints it (macOS and Windows outputs as those tools print them). */
class ThemeTest {
    private static Function<List<String>, String> answers(Map<String, String> byLastWord) {
        return command -> byLastWord.getOrDefault(command.get(command.size() - 1), "");
    }

    @Test
    void macOsDarkIsTheWordDarkAndLightIsAnError() {
        assertTrue(Theme.prefersDark("Mac OS X", Map.of(), answers(Map.of("AppleInterfaceStyle", "Dark\n"))));
        assertFalse(Theme.prefersDark("Mac OS X", Map.of(), answers(Map.of("AppleInterfaceStyle",
                "2026-11-26 10:00:00.000 defaults[123:456] \nThe domain/default pair of (kCFPreferencesAnyApplication, AppleInterfaceStyle) does not exist\n"))));
    }

    @Test
    void windowsDarkIsAppsUseLightThemeZero() {
        String key = "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize\r\n";
        assertTrue(Theme.prefersDark("Windows 11", Map.of(), answers(Map.of("AppsUseLightTheme",
                key + "    AppsUseLightTheme    REG_DWORD    0x0\r\n\r\n"))));
        assertFalse(Theme.prefersDark("Windows 11", Map.of(), answers(Map.of("AppsUseLightTheme",
                key + "    AppsUseLightTheme    REG_DWORD    0x1\r\n\r\n"))));
        // Never set (a fresh account): reg says so, and the default is light.
        assertFalse(Theme.prefersDark("Windows 10", Map.of(), answers(Map.of("AppsUseLightTheme",
                "ERROR: The system was unable to find the specified registry key or value.\r\n"))));
    }

    @Test
    void linuxFollowsGtkThemeThenGnomeColorSchemeThenTheGtkThemeName() {
        assertTrue(Theme.prefersDark("Linux", Map.of("GTK_THEME", "Adwaita:dark"), answers(Map.of())));
        assertTrue(Theme.prefersDark("Linux", Map.of(), answers(Map.of("color-scheme", "'prefer-dark'\n"))));
        assertFalse(Theme.prefersDark("Linux", Map.of(), answers(Map.of("color-scheme", "'prefer-light'\n",
                "gtk-theme", "'Adwaita-dark'\n"))));
        // GNOME before 42 has no color-scheme key: its dark theme is a theme named so.
        assertTrue(Theme.prefersDark("Linux", Map.of(), answers(Map.of("color-scheme", "No such key “color-scheme”\n",
                "gtk-theme", "'Yaru-dark'\n"))));
        assertFalse(Theme.prefersDark("Linux", Map.of(), answers(Map.of("color-scheme", "'default'\n", "gtk-theme", "'Yaru'\n"))));
        // No GNOME, no gsettings: light.
        assertFalse(Theme.prefersDark("Linux", Map.of(), answers(Map.of())));
    }

    @Test
    void askReturnsTheOutputOrNothingForAMissingOrHangingCommand() {
        assertEquals("prefer-dark\n", Theme.ask(List.of("sh", "-c", "echo prefer-dark")));
        assertEquals("", Theme.ask(List.of("no-such-command-tokendesk")));
        long start = System.nanoTime();
        assertEquals("", Theme.ask(List.of("sleep", "10")));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "a hanging command is given up on after a second");
    }
}
