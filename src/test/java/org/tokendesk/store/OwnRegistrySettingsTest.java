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

/** Settings → "Registry on this computer" is saved with the rest, and files from before it still load. */
class OwnRegistrySettingsTest {
    @TempDir
    Path home;

    private SettingsStore store() {
        return new SettingsStore(AppHome.at(home).settingsFile(), Map.of());
    }

    @Test
    void aFileFromBeforeTheRegistryLoadsWithItOffOnTheDefaultPort() throws IOException {
        Files.createDirectories(home);
        // Written by the previous release: every field it knew, no ownRegistry.
        Files.writeString(AppHome.at(home).settingsFile(), """
                {"schema":1,"registry":"http://192.168.1.5:8080","extraRegistries":["https://r.example.org"],
                 "defaultPort":9000,"concurrency":8,"language":"zh_CN","theme":"dark","startMinimized":true,"trayHintShown":true}
                """);
        Settings s = assertInstanceOf(SettingsLoad.Loaded.class, store().read()).settings();
        assertEquals("http://192.168.1.5:8080", s.registry());
        assertEquals(9000, s.defaultPort());
        assertTrue(s.trayHintShown());
        assertEquals(OwnRegistry.OFF, s.ownRegistry());
        assertFalse(s.ownRegistry().on());
        assertEquals(8780, s.ownRegistry().port());
        assertEquals("this_computer", s.ownRegistry().listen());
    }

    @Test
    void anOwnRegistrySwitchedOnLoadsBackTheSame() throws IOException {
        Settings s = Settings.defaults(Map.of()).withOwnRegistry(new OwnRegistry(true, "local_network", 9443, "/home/me/allowed.txt"));
        store().save(s);
        assertEquals(new SettingsLoad.Loaded(s), store().read());
        assertTrue(Files.readString(AppHome.at(home).settingsFile()).contains("\"ownRegistry\""));
    }

    @Test
    void aHalfWrittenOwnRegistryTakesDefaultsForWhatIsMissingOrOutOfRange() throws IOException {
        Files.createDirectories(home);
        Files.writeString(AppHome.at(home).settingsFile(), "{\"schema\":1,\"ownRegistry\":{\"on\":true,\"port\":70000}}");
        OwnRegistry own = assertInstanceOf(SettingsLoad.Loaded.class, store().read()).settings().ownRegistry();
        assertEquals(new OwnRegistry(true, "this_computer", 8780, ""), own);
    }

    @Test
    void otherChangesKeepTheRegistrySettings() {
        OwnRegistry own = new OwnRegistry(true, "all_interfaces", 8781, "");
        Settings s = Settings.defaults(Map.of()).withOwnRegistry(own);
        assertEquals(own, s.withTrayHintShown().withExtraRegistries(List.of("https://r.example.org")).ownRegistry());
    }

    @Test
    void aWrongTypeSetsTheFileAsideRatherThanGuessing() throws IOException {
        Files.createDirectories(home);
        Files.writeString(AppHome.at(home).settingsFile(), "{\"schema\":1,\"ownRegistry\":{\"on\":\"maybe\",\"port\":[1]}}");
        SettingsLoad load = store().read();
        assertInstanceOf(SettingsLoad.SetAside.class, load);
        assertEquals(OwnRegistry.OFF, load.settings().ownRegistry());
    }
}
