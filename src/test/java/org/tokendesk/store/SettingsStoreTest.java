package org.tokendesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.discovery.Registry;

class SettingsStoreTest {
    @TempDir
    Path home;

    private SettingsStore store(Map<String, String> env) {
        return new SettingsStore(AppHome.at(home).settingsFile(), env);
    }

    @Test
    void defaultsUseChatieWhenTheSdkVariableIsUnset() throws IOException {
        Settings s = assertInstanceOf(SettingsLoad.Fresh.class, store(Map.of()).read()).settings();
        assertEquals(Registry.CHATIE, s.registryOrDefault());
        assertEquals(16, s.concurrency());
        assertEquals(8788, s.defaultPort());
        assertEquals("system", s.language());
    }

    @Test
    void defaultsFollowWechatyPuppetServiceAuthority() throws IOException {
        Settings s = store(Map.of("WECHATY_PUPPET_SERVICE_AUTHORITY", "token-service-discovery-test.juzibot.com")).load();
        assertEquals(Registry.JUZIBOT, s.registryOrDefault());
    }

    @Test
    void savedSettingsLoadBackTheSame() throws IOException {
        Settings s = new Settings("http://192.168.1.5:8080", List.of("https://r.example.org"), 9000, 8, "zh_CN", "dark", true);
        store(Map.of()).save(s);
        assertEquals(new SettingsLoad.Loaded(s), store(Map.of("WECHATY_PUPPET_SERVICE_AUTHORITY", "other.example")).read());
    }

    @Test
    void aSavedRegistryWinsOverTheVariableAndMissingFieldsTakeDefaults() throws IOException {
        Files.createDirectories(home);
        Files.writeString(AppHome.at(home).settingsFile(), "{\"schema\":1,\"registry\":\"http://127.0.0.1:9\",\"somethingNew\":true}");
        Settings s = store(Map.of("WECHATY_PUPPET_SERVICE_AUTHORITY", "other.example")).load();
        assertEquals("http://127.0.0.1:9", s.registry());
        assertEquals(16, s.concurrency());
        assertEquals("system", s.theme());
    }

    @Test
    void outOfRangeNumbersFallBackToDefaults() {
        Settings s = new Settings("api.chatie.io", null, 0, 1000, null, null, false);
        assertEquals(8788, s.defaultPort());
        assertEquals(16, s.concurrency());
        assertEquals(List.of(), s.extraRegistries());
    }

    @Test
    void anUnreadableFileIsSetAsideAndTheDefaultsApply() throws IOException {
        Path file = AppHome.at(home).settingsFile();
        Files.createDirectories(home);
        for (String content : new String[] {"{not json", "[1,2]", "{\"concurrency\":\"many\"}"}) {
            Files.writeString(file, content);
            SettingsLoad.SetAside aside = assertInstanceOf(SettingsLoad.SetAside.class, store(Map.of()).read(), content);
            assertFalse(Files.exists(file));
            assertEquals(content, Files.readString(aside.movedTo()));
            assertTrue(aside.movedTo().getFileName().toString().startsWith("settings.json.corrupt-"));
            assertEquals(Registry.CHATIE, aside.settings().registryOrDefault());
        }
    }

    @Test
    void aFileFromANewerTokenDeskIsSetAside() throws IOException {
        Path file = AppHome.at(home).settingsFile();
        Files.createDirectories(home);
        Files.writeString(file, "{\"schema\":7,\"registry\":\"http://127.0.0.1:9\"}");
        SettingsLoad.SetAside aside = assertInstanceOf(SettingsLoad.SetAside.class, store(Map.of()).read());
        assertTrue(aside.movedTo().getFileName().toString().startsWith("settings.json.newer-"));
    }

    /** A settings.json written before scheduled checks existed: it loads, and gets their defaults. */
    @Test
    void aFileFromBeforeTheScheduleLoadsWithTheScheduleDefaults() throws IOException {
        Files.createDirectories(home);
        Files.writeString(AppHome.at(home).settingsFile(), """
                {
                  "schema" : 1,
                  "registry" : "http://127.0.0.1:9",
                  "extraRegistries" : [ ],
                  "defaultPort" : 9000,
                  "concurrency" : 8,
                  "language" : "zh_CN",
                  "theme" : "dark",
                  "startMinimized" : true,
                  "trayHintShown" : true
                }""");
        Settings s = assertInstanceOf(SettingsLoad.Loaded.class, store(Map.of()).read()).settings();
        assertEquals(9000, s.defaultPort());
        assertTrue(s.trayHintShown());
        assertEquals(0, s.checkEveryMinutes(), "no schedule unless asked for");
        assertTrue(s.checkKeptOnline(), "tokens kept online are checked by default");
        assertEquals(5, s.alertAfterMinutes(), "an outage is told after 5 minutes by default");
    }

    @Test
    void theScheduleIsSavedAndLoadedBack() throws IOException {
        Settings s = Settings.defaults(Map.of()).withSchedule(15, false);
        store(Map.of()).save(s);
        Settings back = store(Map.of()).load();
        assertEquals(15, back.checkEveryMinutes());
        assertFalse(back.checkKeptOnline());
        assertEquals(s, back);
        assertEquals(s.withTrayHintShown().checkEveryMinutes(), 15, "other changes keep the schedule");
        assertEquals(0, store(Map.of()).load().withAlertAfter(0).alertAfterMinutes());
        store(Map.of()).save(s.withAlertAfter(0));
        assertEquals(0, store(Map.of()).load().alertAfterMinutes(), "never is kept as never");
    }

    @Test
    void aScheduleOutOfRangeIsOff() throws IOException {
        Files.createDirectories(home);
        Files.writeString(AppHome.at(home).settingsFile(), "{\"schema\":1,\"checkEveryMinutes\":-5}");
        assertEquals(0, store(Map.of()).load().checkEveryMinutes());
        assertEquals(0, Settings.defaults(Map.of()).withSchedule(100_000, true).checkEveryMinutes());
    }
}
