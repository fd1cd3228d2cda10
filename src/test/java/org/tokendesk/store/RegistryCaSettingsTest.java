package org.tokendesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.discovery.Registry;

/** The CA file per registry is saved with the rest, and files from before it load unchanged with none. */
class RegistryCaSettingsTest {
    @TempDir
    Path home;

    private SettingsStore store() {
        return new SettingsStore(AppHome.at(home).settingsFile(), Map.of());
    }

    @Test
    void aFileFromBeforeCaFilesLoadsWithNoneAndEverythingElseAsSaved() throws IOException {
        Files.createDirectories(home);
        Files.writeString(AppHome.at(home).settingsFile(), """
                {"schema":1,"registry":"https://192.168.1.5:8443","extraRegistries":["https://r.example.org"],
                 "defaultPort":9000,"concurrency":8,"language":"zh_CN","theme":"dark","startMinimized":true,"trayHintShown":true,
                 "checkEveryMinutes":15,"checkKeptOnline":false,"alertAfterMinutes":10,
                 "ownRegistry":{"on":true,"listen":"this_computer","port":8780,"allowList":""}}
                """);
        Settings s = assertInstanceOf(SettingsLoad.Loaded.class, store().read()).settings();
        assertEquals(Map.of(), s.registryCaFiles());
        assertEquals("https://192.168.1.5:8443", s.registry());
        assertEquals(List.of("https://r.example.org"), s.extraRegistries());
        assertEquals(15, s.checkEveryMinutes());
        assertTrue(s.ownRegistry().on());
    }

    @Test
    void caFilesRoundTripAndSurviveOtherChanges() throws IOException {
        Settings s = Settings.defaults(Map.of())
                .withExtraRegistries(List.of("https://lab.example:8443"))
                .withRegistryCaFiles(Map.of("https://lab.example:8443", "/home/me/lab-ca.pem", "https://api.chatie.io", "/etc/ca.pem"));
        store().save(s);
        Settings back = assertInstanceOf(SettingsLoad.Loaded.class, store().read()).settings();
        assertEquals(s, back);
        assertEquals("/home/me/lab-ca.pem", back.registryCaFiles().get("https://lab.example:8443"));
        assertTrue(Files.readString(AppHome.at(home).settingsFile()).contains("\"registryCaFiles\""));
        Settings changed = back.withSchedule(5, true).withAlertAfter(2).withOwnRegistry(OwnRegistry.OFF).withTrayHintShown()
                .withRegistry(back.registryOrDefault()).withExtraRegistries(back.extraRegistries());
        assertEquals(back.registryCaFiles(), changed.registryCaFiles());
    }

    @Test
    void theCaFileIsFoundForARegistrySpelledAsParsed() {
        Settings s = Settings.defaults(Map.of()).withRegistryCaFiles(Map.of("https://lab.example:8443", "/home/me/lab-ca.pem"));
        assertEquals(Optional.of("/home/me/lab-ca.pem"), s.caFileFor(new Registry(URI.create("https://lab.example:8443"))));
        assertEquals(Optional.empty(), s.caFileFor(new Registry(URI.create("https://lab.example:9443"))));
    }

    @Test
    void aWrongTypeSetsTheFileAsideRatherThanGuessing() throws IOException {
        Files.createDirectories(home);
        Files.writeString(AppHome.at(home).settingsFile(), "{\"schema\":1,\"registryCaFiles\":[\"/x.pem\"]}");
        assertInstanceOf(SettingsLoad.SetAside.class, store().read());
    }
}
