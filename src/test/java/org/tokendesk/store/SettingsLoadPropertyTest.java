package org.tokendesk.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

import org.tokendesk.testing.Hostile;

/** settings.json holding anything: settings to use come out, and a file that cannot be used is set aside byte for byte. */
class SettingsLoadPropertyTest {
    private Path dir;

    @BeforeTry
    void makeDir() throws IOException {
        dir = Files.createTempDirectory("settings-props");
    }

    @AfterTry
    void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Provide
    Arbitrary<byte[]> contents() {
        Arbitrary<byte[]> settingsShaped = Arbitraries.randomValue(random -> {
            StringBuilder b = new StringBuilder("{\"schema\":").append(random.nextInt(4) - 1);
            for (String name : new String[] {"registry", "extraRegistries", "defaultPort", "concurrency", "language", "theme", "startMinimized", "trayHintShown"}) {
                if (random.nextBoolean()) {
                    b.append(",\"").append(name).append("\":").append(Hostile.json(random));
                }
            }
            return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
        });
        return Arbitraries.oneOf(Hostile.bytes(), Hostile.strings().map(s -> s.getBytes(StandardCharsets.UTF_8)), settingsShaped);
    }

    @Property(tries = 400)
    void anyFileGivesSettingsAndNothingIsLost(@ForAll("contents") byte[] content) throws IOException {
        Path file = dir.resolve("settings.json");
        Files.write(file, content);
        SettingsLoad load = new SettingsStore(file, Map.of()).read();
        Settings s = load.settings();
        assertTrue(s.defaultPort() >= 1 && s.defaultPort() <= 65535);
        assertTrue(s.concurrency() >= 1 && s.concurrency() <= 256);
        assertTrue(s.language() != null && s.theme() != null && s.extraRegistries() != null);
        s.registryOrDefault();
        if (load instanceof SettingsLoad.SetAside aside) {
            assertFalse(Files.exists(file), "the unusable file is moved, not left to be overwritten");
            assertArrayEquals(content, Files.readAllBytes(aside.movedTo()), "set aside byte for byte");
            assertTrue(aside.reason().length() <= 60);
        } else {
            assertInstanceOf(SettingsLoad.Loaded.class, load);
            assertArrayEquals(content, Files.readAllBytes(file), "reading changes nothing");
            // What loaded saves and loads back the same.
            SettingsStore store = new SettingsStore(file, Map.of());
            store.save(s);
            assertEquals(s, store.read().settings());
        }
    }
}
