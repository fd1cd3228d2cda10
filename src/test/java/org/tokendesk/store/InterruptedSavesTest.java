package org.tokendesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

/** Saves killed with kill -9 leave temp files holding the whole list; the next start removes them and says so. */
class InterruptedSavesTest {
    private static final int TOKENS = 3000;

    @TempDir
    Path dir;

    static String token(int i) {
        return String.format("insecure_%08x-3c2d-4e1f-9a0b-%012x", i, 0xabcdefL * (i + 1));
    }

    private static List<Path> temps(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    /** Starts the save loop in a child JVM and kills it with SIGKILL the moment a save's temp file is seen. */
    private void killDuringSaves(Random random) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                SaveLoop.class.getName(), dir.toString(), Integer.toString(TOKENS)).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (temps(dir).isEmpty() && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            if (random.nextBoolean()) {
                Thread.sleep(1);
            }
        } finally {
            p.destroyForcibly();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        }
    }

    @Test
    @Timeout(240)
    void tempFilesOfKilledSavesAreRemovedAtStartAndLoggedWithoutTokens() throws Exception {
        Random random = new Random(6);
        for (int attempt = 0; attempt < 40 && temps(dir).isEmpty(); attempt++) {
            killDuringSaves(random);
        }
        List<Path> left = temps(dir);
        assertTrue(!left.isEmpty(), "no kill landed inside a save: nothing to test");
        assertTrue(left.stream().allMatch(p -> p.getFileName().toString().startsWith(".tokens.json.")
                || p.getFileName().toString().startsWith(".settings.json.")), left::toString);

        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(new java.util.logging.SimpleFormatter().formatMessage(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(Leftovers.class.getName());
        log.addHandler(capture);
        try {
            List<Path> removed = Leftovers.clean(AppHome.at(dir));
            assertEquals(left.size(), removed.size());
        } finally {
            log.removeHandler(capture);
        }
        assertEquals(List.of(), temps(dir));
        String text = String.join("\n", logged);
        assertTrue(text.contains(Integer.toString(left.size())) && text.contains(".tmp"), text);
        List<Token> all = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) {
            all.add(Token.of(token(i)));
        }
        TokenLeaks.of(all).assertNoneIn("log", text);
        // Nothing saved was lost: the list itself is whole.
        StoreLoad load = new TokenStore(AppHome.at(dir).tokensFile()).load();
        assertEquals(TOKENS, assertInstanceOf(StoreLoad.Loaded.class, load).tokens().size());
    }

    @Test
    void onlyTheTempFilesOfOurSavesAreRemoved() throws IOException {
        Path tokensTemp = Files.writeString(dir.resolve(".tokens.json.123456.tmp"), "{");
        Path settingsTemp = Files.writeString(dir.resolve(".settings.json.98765.tmp"), "{");
        Path other = Files.writeString(dir.resolve("notes.tmp"), "mine");
        Path aside = Files.writeString(dir.resolve("tokens.json.corrupt-20260101-000000"), "{");
        assertEquals(2, Leftovers.clean(AppHome.at(dir)).size());
        assertTrue(Files.notExists(tokensTemp) && Files.notExists(settingsTemp));
        assertTrue(Files.exists(other) && Files.exists(aside));
        assertEquals(List.of(), Leftovers.clean(AppHome.at(dir.resolve("missing"))));
    }
}
