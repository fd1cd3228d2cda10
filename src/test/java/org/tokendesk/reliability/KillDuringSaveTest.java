package org.tokendesk.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.store.SettingsLoad;
import org.tokendesk.store.SettingsStore;
import org.tokendesk.store.StoreLoad;
import org.tokendesk.store.TokenStore;

/**
 * kill -9 of a real child JVM in the middle of saving the token list and the settings, again and
 * again: the file always parses and holds the last version the child reported on disk or the one
 * after it (old or new, never a mix), and the copy of an unreadable file set aside at the start is
 * never touched again. {@code -Dreliability.kills=100} for the long run (RELIABILITY.md).
 */
class KillDuringSaveTest {
    static final int KILLS = Integer.getInteger("reliability.kills", 10);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void tokenListIsOldOrNewAfterEveryKill() throws Exception {
        byte[] corrupt = "{\"tokens\":[{\"token\":\"insecure_half".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("tokens.json"), corrupt);
        Result r = killLoop("tokens", v -> {
            StoreLoad load = new TokenStore(dir.resolve("tokens.json")).load();
            assertInstanceOf(StoreLoad.Loaded.class, load, () -> "after a kill: " + load);
            return load.tokens().equals(SaveLoop.tokensOf(v));
        });
        List<Path> aside = asides("tokens.json.corrupt-");
        assertEquals(1, aside.size(), "only the first start sets a file aside: " + aside);
        assertArrayEquals(corrupt, Files.readAllBytes(aside.get(0)), "the set-aside copy is never overwritten");
        report("tokens.json", r);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void settingsAreOldOrNewAfterEveryKill() throws Exception {
        byte[] corrupt = "{\"registry\":".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("settings.json"), corrupt);
        Result r = killLoop("settings", v -> {
            SettingsLoad load = new SettingsStore(dir.resolve("settings.json"), Map.of()).read();
            assertInstanceOf(SettingsLoad.Loaded.class, load, () -> "after a kill: " + load);
            return load.settings().equals(SaveLoop.settingsOf(v));
        });
        List<Path> aside = asides("settings.json.corrupt-");
        assertEquals(1, aside.size(), aside::toString);
        assertArrayEquals(corrupt, Files.readAllBytes(aside.get(0)));
        report("settings.json", r);
    }

    @FunctionalInterface
    interface Holds {
        boolean version(long v) throws IOException;
    }

    record Result(int kills, long versions, int newer, long leftoverTemps) {
    }

    private Result killLoop(String kind, Holds holds) throws Exception {
        Random random = new Random(Long.getLong("reliability.seed", 16));
        long next = 1;
        int newer = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    SaveLoop.class.getName(), kind, dir.toString(), Long.toString(next))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            AtomicLong reported = new AtomicLong(-1);
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        reported.set(Long.parseLong(line.strip()));
                    }
                } catch (IOException | NumberFormatException e) {
                    // the child is gone
                }
            });
            reader.start();
            try {
                // A JVM start on a machine shared with other builds can take many seconds.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (reported.get() < next && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                assertTrue(reported.get() >= next, "the child saved nothing in 90 s");
                Thread.sleep(random.nextInt(150));
            } finally {
                child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                reader.join(5000);
            }
            // Process.destroyForcibly() closes the child's stdout, so the last lines it printed may never be read: the file
            // may hold a later complete version than the last one reported, never an earlier one and never a mix.
            long last = reported.get();
            long found = -1;
            for (long v = last; v <= last + 5000 && found < 0; v++) {
                found = holds.version(v) ? v : -1;
            }
            if (found < 0) {
                fail("after kill " + kill + " the file holds no complete version at or after " + last + ", the last one the child reported on disk");
            }
            if (found > last) {
                newer++;
            }
            next = found + 1;
        }
        long temps;
        try (Stream<Path> files = Files.list(dir)) {
            temps = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
        return new Result(KILLS, next - 1, newer, temps);
    }

    private List<Path> asides(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    private static void report(String file, Result r) {
        System.out.printf("kill -9 during saves of %s: %d kills, %d versions written, %d times a version after the last reported one had landed,"
                + " %d temp files left behind%n", file, r.kills(), r.versions(), r.newer(), r.leftoverTemps());
    }

}
