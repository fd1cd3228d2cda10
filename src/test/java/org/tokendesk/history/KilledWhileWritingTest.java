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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

/**
 * A real child process is killed (SIGKILL) at a random moment while it records, again and again on
 * the same file: after every kill the file opens, passes {@code PRAGMA integrity_check}, and holds
 * every batch the child reported committed, whole. 10 kills in {@code mvn verify};
 * {@code -Dreliability.kills=100} for the long run, {@code -Dreliability.seed=N} for other kill times.
 */
class KilledWhileWritingTest {
    private static final int KILLS = Integer.getInteger("reliability.kills", 10);
    /** Each round's batches are numbered from round × this, so no two rounds share a batch number. */
    private static final long ROUND_STRIDE = 1_000_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void theFileOpensAfterEveryKillAndKeepsEveryCommittedBatch() throws Exception {
        Path file = dir.resolve("history.db");
        Token token = Token.of("puppet_kill_" + UUID.randomUUID());
        Random random = new Random(Long.getLong("reliability.seed", 15));
        TreeSet<Long> committed = new TreeSet<>();
        int killedBeforeFirstCommit = 0;
        int partialBatches = 0;
        long start = System.nanoTime();
        for (int round = 0; round < KILLS; round++) {
            long first = round * ROUND_STRIDE;
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    WriteLoop.class.getName(), file.toString(), token.reveal(), Long.toString(first))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int reportedThisRound = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                // Up to 90 s for the JVM to start on a loaded machine. One kill in five comes 0-400 ms after
                // start (while the database opens or the first batch is written); the others 0-300 ms after the
                // first commit: while a batch is written, synced, or between two.
                String ready = readLineWithin(out, child, 90);
                assertEquals("ready", ready, "round " + round + ": the child started");
                if (random.nextInt(5) > 0) {
                    String firstCommit = readLineWithin(out, child, 90);
                    assertTrue(firstCommit != null && firstCommit.startsWith("committed "), "round " + round + ": " + firstCommit);
                    committed.add(Long.parseLong(firstCommit.substring("committed ".length())));
                    reportedThisRound++;
                    Thread.sleep(random.nextInt(300));
                } else {
                    Thread.sleep(random.nextInt(400));
                }
                // Through the handle: Process.destroyForcibly would also close the pipe that is still to be read.
                child.toHandle().destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                // What it printed before it died was committed before it died.
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("committed ")) {
                        committed.add(Long.parseLong(line.substring("committed ".length())));
                        reportedThisRound++;
                    }
                }
            }
            if (reportedThisRound == 0) {
                killedBeforeFirstCommit++;
            }

            HistoryOpen open = HistoryStore.open(file, Retention.DEFAULT, "check", Instant.now());
            try (HistoryStore store = assertInstanceOf(HistoryOpen.Opened.class, open, "round " + round).store();
                 Statement s = store.connection().createStatement()) {
                try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                    r.next();
                    assertEquals("ok", r.getString(1), "round " + round);
                }
                Map<Long, Integer> inFile = new HashMap<>();
                try (ResultSet r = s.executeQuery("SELECT latency_ms, COUNT(*) FROM event GROUP BY latency_ms")) {
                    while (r.next()) {
                        inFile.put(r.getLong(1), r.getInt(2));
                    }
                }
                for (long batch : committed) {
                    assertEquals(WriteLoop.BATCH, inFile.getOrDefault(batch, 0), "round " + round + ": committed batch " + batch);
                }
                // Beyond what was reported: batches written after the last line was read, and the one cut
                // short (History may split a batch over two transactions). Never one that was not written.
                for (Map.Entry<Long, Integer> b : inFile.entrySet()) {
                    if (!committed.contains(b.getKey())) {
                        assertTrue(b.getKey() / ROUND_STRIDE <= round, "batch " + b.getKey() + " from a later round");
                        if (b.getValue() != WriteLoop.BATCH) {
                            partialBatches++;
                        }
                    }
                }
                List<Run> runs = store.runs(Instant.EPOCH, Instant.now(), Instant.now());
                assertTrue(runs.stream().filter(run -> !run.stoppedCleanly()).count() >= round + 1 - killedBeforeFirstCommit);
            }
        }
        System.out.printf("kill -9 of the history writer: %d kills, %d batches of %d reported committed and found whole, "
                + "%d kills before the first commit, %d batch(es) cut short after the last report, %d s%n",
                KILLS, committed.size(), WriteLoop.BATCH, killedBeforeFirstCommit, partialBatches,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        assertTrue(committed.size() > 0, "some batches were committed");
        TokenLeaks.of(token).assertNoneUnder(dir);
    }

    private static String readLineWithin(BufferedReader out, Process child, int seconds) throws Exception {
        var line = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        });
        try {
            return line.get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            child.toHandle().destroyForcibly();
            throw e;
        }
    }
}
