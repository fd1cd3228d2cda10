package org.tokendesk.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

/** A real child process is killed (SIGKILL) while it records; the file must open and keep all it had synced. */
class KilledWhileWritingTest {
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void theFileOpensAfterEveryKillAndKeepsEverySyncedEvent() throws Exception {
        Path file = dir.resolve("history.db");
        Token token = Token.of("puppet_kill_" + UUID.randomUUID());
        Random random = new Random(15);
        long expectedAtLeast = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    WriteLoop.class.getName(), file.toString(), token.reveal())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long synced = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                int linesBeforeKill = 3 + random.nextInt(20);
                for (int i = 0; i < linesBeforeKill; i++) {
                    String line = out.readLine();
                    if (line == null) {
                        break;
                    }
                    synced = Long.parseLong(line.split(" ")[1]);
                }
                // Through the handle: Process.destroyForcibly would also close the pipe that is still to be read.
                child.toHandle().destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                // The child runs ahead of what was read before the kill: what it printed by then was synced too.
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synced = Long.parseLong(line.split(" ")[1]);
                }
            }
            assertTrue(synced > 0, "the child wrote before it was killed");
            expectedAtLeast += synced;

            HistoryOpen open = HistoryStore.open(file, Retention.DEFAULT, "check", Instant.now());
            try (HistoryStore store = assertInstanceOf(HistoryOpen.Opened.class, open, "round " + round).store();
                 Statement s = store.connection().createStatement()) {
                try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                    r.next();
                    assertEquals("ok", r.getString(1));
                }
                int count = store.eventCount();
                // Everything synced is there; at most the batch being written when the kill came (100) is extra.
                assertTrue(count >= expectedAtLeast && count <= expectedAtLeast + 100 * (round + 1),
                        "round " + round + ": " + count + " events, " + expectedAtLeast + " synced");
                expectedAtLeast = count;
                List<Run> runs = store.runs(Instant.EPOCH, Instant.now(), Instant.now());
                assertTrue(runs.stream().filter(run -> !run.stoppedCleanly()).count() >= round + 1);
            }
        }
        TokenLeaks.of(token).assertNoneUnder(dir);
    }
}
