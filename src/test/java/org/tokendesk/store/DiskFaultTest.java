package org.tokendesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.tokendesk.i18n.Text;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.token.Token;

/**
 * A full disk and a read-only config folder under the background saver the window uses: the
 * failure reaches the message path with the system's reason, the file keeps its last good
 * content, and once the disk has room again the same snapshot is saved without the user doing
 * anything. As root a 64 KiB tmpfs is mounted for the folder (remounted read-only for the second
 * case); without root only the read-only case can be made (chmod), and the test says so.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DiskFaultTest {
    private static final Duration RETRY = Duration.ofMillis(200);
    private Path dir;
    private boolean tmpfs;
    private final List<IOException> failures = new CopyOnWriteArrayList<>();

    @BeforeEach
    void mount() throws Exception {
        dir = Files.createTempDirectory("disk-fault");
        tmpfs = isRoot() && run("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", dir.toString()) == 0;
        System.out.println("disk faults: " + (tmpfs ? "64 KiB tmpfs mounted at " + dir : "no tmpfs (not root or mount refused): read-only by chmod only"));
    }

    @AfterEach
    void unmount() throws Exception {
        if (tmpfs) {
            run("umount", dir.toString());
        } else {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.deleteIfExists(dir);
    }

    private static boolean isRoot() throws Exception {
        Process p = new ProcessBuilder("id", "-u").start();
        String uid = new String(p.getInputStream().readAllBytes()).strip();
        return p.waitFor() == 0 && uid.equals("0");
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static List<SavedToken> tokens(int n, String label) {
        List<SavedToken> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new SavedToken(Token.of("insecure_disk-" + i + "-5c0c4c34-1f1e-4a52-9c0b-7b5d2a1e9f00"), label + " " + i,
                    Instant.parse("2026-12-04T00:00:00Z"), false, 8788));
        }
        return list;
    }

    @Test
    void fullDiskKeepsTheOldFileSaysWhyAndSavesLater() throws Exception {
        if (!tmpfs) {
            System.out.println("disk full: not run here (needs root for a tmpfs); the read-only test below ran");
            readOnlyFolderKeepsTheOldFileSaysWhyAndSavesLater();
            return;
        }
        TokenStore store = new TokenStore(dir.resolve("tokens.json"));
        List<SavedToken> before = tokens(3, "before");
        List<SavedToken> after = tokens(150, "after the disk filled up");
        try (BackgroundSaver<List<SavedToken>> saver = new BackgroundSaver<>(store::save, failures::add, RETRY)) {
            saver.save(before);
            saver.flush();
            Path filler = dir.resolve("filler");
            try (OutputStream out = Files.newOutputStream(filler)) {
                byte[] block = new byte[1024];
                for (int i = 0; i < 1024; i++) {
                    out.write(block);
                }
            } catch (IOException full) {
                // the disk is full now
            }
            saver.save(after);
            RegistryFixture.await(Duration.ofSeconds(10), "a failure", () -> !failures.isEmpty());
            assertReason(failures.get(0), "no space left on device");
            assertEquals(before, new TokenStore(dir.resolve("tokens.json")).load().tokens(), "the old list stays on disk");
            Files.delete(filler);
            RegistryFixture.await(Duration.ofSeconds(10), "the save retried without a new change",
                    () -> loads(after));
        }
        // Each failed try removed its temp file (one may exist while a retry runs, hence checked after close).
        assertNoTempFiles();
    }

    @Test
    void readOnlyFolderKeepsTheOldFileSaysWhyAndSavesLater() throws Exception {
        failures.clear();
        SettingsStore settings = new SettingsStore(dir.resolve("settings.json"), Map.of());
        TokenStore store = new TokenStore(dir.resolve("tokens.json"));
        List<SavedToken> before = tokens(2, "before");
        List<SavedToken> after = tokens(4, "while read-only");
        try (BackgroundSaver<List<SavedToken>> saver = new BackgroundSaver<>(store::save, failures::add, RETRY)) {
            saver.save(before);
            saver.flush();
            settings.save(Settings.defaults(Map.of()));
            readOnly(true);
            saver.save(after);
            RegistryFixture.await(Duration.ofSeconds(10), "a failure", () -> !failures.isEmpty());
            assertReason(failures.get(0), tmpfs ? "read-only file system" : "permission denied");
            assertEquals(before, new TokenStore(dir.resolve("tokens.json")).load().tokens());
            IOException settingsFailure = null;
            try {
                settings.save(Settings.defaults(Map.of()).withTrayHintShown());
            } catch (IOException e) {
                settingsFailure = e;
            }
            assertReason(settingsFailure, tmpfs ? "read-only file system" : "permission denied");
            assertFalse(settings.read().settings().trayHintShown(), "old settings kept");
            readOnly(false);
            RegistryFixture.await(Duration.ofSeconds(10), "the save retried without a new change", () -> loads(after));
        }
    }

    private boolean loads(List<SavedToken> expected) {
        try {
            StoreLoad load = new TokenStore(dir.resolve("tokens.json")).load();
            return load instanceof StoreLoad.Loaded && load.tokens().equals(expected);
        } catch (IOException e) {
            return false;
        }
    }

    private void readOnly(boolean on) throws Exception {
        if (tmpfs) {
            assertEquals(0, run("mount", "-o", "remount," + (on ? "ro" : "rw"), dir.toString()));
        } else {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(on ? "r-x------" : "rwx------"));
        }
    }

    /** The system's reason reaches the message the window shows (ui.saveFailed), in both languages. */
    private static void assertReason(IOException e, String reason) {
        assertInstanceOf(IOException.class, e);
        String message = String.valueOf(e.getMessage());
        assertTrue(message.toLowerCase(Locale.ROOT).contains(reason), message);
        assertTrue(Text.get("ui.saveFailed", message).contains(message));
    }

    private void assertNoTempFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }
}
