package org.tokendesk.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.registration.Drop;
import org.tokendesk.registration.RegistrationState;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

class HistoryStoreTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Token ONE = Token.of("puppet_service_" + UUID.randomUUID());
    private static final Token TWO = Token.of("insecure_" + UUID.randomUUID());

    @TempDir
    Path dir;

    private HistoryStore open(Retention retention, Instant now) {
        HistoryOpen open = HistoryStore.open(dir.resolve("history.db"), retention, "window", now);
        return assertInstanceOf(HistoryOpen.Opened.class, open).store();
    }

    private static Observed resolved(Token token, Instant at) {
        return Observed.lookup(token, Registry.CHATIE, new Lookup.Resolved("203.0.113.7", 8788, Duration.ofMillis(42)), at);
    }

    @Test
    void eventsComeBackPerTokenInOrderWithTheLastOneBeforeTheWindow() throws Exception {
        try (HistoryStore store = open(Retention.DEFAULT, NOW)) {
            store.write(List.of(
                    resolved(ONE, NOW.minusSeconds(7200)),
                    Observed.lookup(ONE, Registry.CHATIE, new Lookup.NotRegistered(404, Duration.ofMillis(9)), NOW.minusSeconds(60)),
                    resolved(TWO, NOW.minusSeconds(30)),
                    Observed.registration(ONE, Registry.CHATIE,
                            new RegistrationState.Retrying(NOW, 2, new Drop(Drop.Cause.NO_PONG, "")), NOW.minusSeconds(10))), NOW);

            List<Event> events = store.events(store.idOf(ONE), NOW.minusSeconds(3600), NOW);
            assertEquals(List.of(StateKind.RESOLVED, StateKind.NOT_REGISTERED, StateKind.RETRYING), events.stream().map(Event::kind).toList());
            Event first = events.get(0);
            assertEquals("203.0.113.7:8788", first.detail());
            assertEquals(Optional.of(Duration.ofMillis(42)), first.latency());
            assertEquals("https://api.chatie.io", first.registry());
            assertEquals("404", events.get(1).detail());
            assertEquals("NO_PONG", events.get(2).detail());
            assertEquals(Optional.empty(), events.get(2).latency());
            assertEquals(1, store.events(store.idOf(TWO), NOW.minusSeconds(3600), NOW).size());
            assertEquals(List.of(), store.events(store.idOf(Token.of("insecure_never")), NOW.minusSeconds(3600), NOW));
        }
    }

    @Test
    void runsAreRecordedAndAKilledOneEndsAtItsLastHeartbeat() throws Exception {
        HistoryStore first = open(Retention.DEFAULT, NOW.minusSeconds(3600));
        first.seen(NOW.minusSeconds(3000));
        first.close(); // not stopped: as if killed
        try (HistoryStore second = open(Retention.DEFAULT, NOW.minusSeconds(600))) {
            List<Run> runs = second.runs(NOW.minusSeconds(7200), NOW, NOW);
            assertEquals(List.of(new Run(NOW.minusSeconds(3600), NOW.minusSeconds(3000), false),
                    new Run(NOW.minusSeconds(600), NOW, false)), runs);
            second.stop(NOW.minusSeconds(100));
        }
        try (HistoryStore third = open(Retention.DEFAULT, NOW)) {
            assertEquals(new Run(NOW.minusSeconds(600), NOW.minusSeconds(100), true), third.runs(NOW.minusSeconds(7200), NOW, NOW).get(1));
        }
    }

    @Test
    void theSameTokenHasTheSameIdAfterReopeningAndADifferentOneInAnotherFile() throws Exception {
        TokenId id;
        try (HistoryStore store = open(Retention.DEFAULT, NOW)) {
            id = store.idOf(ONE);
        }
        try (HistoryStore again = open(Retention.DEFAULT, NOW)) {
            assertEquals(id, again.idOf(ONE));
        }
        HistoryOpen other = HistoryStore.open(dir.resolve("other.db"), Retention.DEFAULT, "check", NOW);
        try (HistoryStore store = ((HistoryOpen.Opened) other).store()) {
            assertFalse(store.idOf(ONE).equals(id));
        }
    }

    @Test
    void retentionDropsOldEventsWhenOpened() throws Exception {
        try (HistoryStore store = open(Retention.DEFAULT, NOW.minus(Duration.ofDays(100)))) {
            store.write(List.of(resolved(ONE, NOW.minus(Duration.ofDays(95))), resolved(ONE, NOW.minus(Duration.ofDays(89)))), NOW);
        }
        try (HistoryStore store = open(Retention.DEFAULT, NOW)) {
            List<Event> left = store.events(store.idOf(ONE), NOW.minus(Duration.ofDays(200)), NOW);
            assertEquals(List.of(NOW.minus(Duration.ofDays(89))), left.stream().map(Event::at).toList());
        }
    }

    @Test
    void theSizeBoundDropsTheOldestEventsFirst() throws Exception {
        Retention small = new Retention(Duration.ofDays(90), 256 * 1024);
        try (HistoryStore store = open(small, NOW)) {
            for (int batch = 0; batch < 20; batch++) {
                List<Observed> events = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    events.add(resolved(ONE, NOW.minusSeconds(20_000 - batch * 500L - i)));
                }
                store.write(events, NOW);
            }
            assertTrue(store.usedBytes() > small.maxBytes());
            int deleted = store.prune(NOW);
            assertTrue(deleted > 0);
            assertTrue(store.usedBytes() <= small.maxBytes(), "used " + store.usedBytes());
            List<Event> left = store.events(store.idOf(ONE), NOW.minusSeconds(30_000), NOW);
            assertEquals(10_000 - deleted, left.size());
            // What is left is the newest.
            assertEquals(NOW.minusSeconds(10_001), left.get(left.size() - 1).at());
        }
    }

    @Test
    void aFileOfTheFirstSchemaIsMigratedWithItsEvents() throws Exception {
        Path file = dir.resolve("history.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            Migrations.migrate(c, NOW.toEpochMilli(), 1);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO meta VALUES ('salt', '00112233445566778899aabbccddeeff')");
                s.execute("INSERT INTO run(started, last_seen) VALUES (" + NOW.minusSeconds(100).toEpochMilli() + ", "
                        + NOW.minusSeconds(50).toEpochMilli() + ")");
                String key = TokenId.of(ONE, java.util.HexFormat.of().parseHex("00112233445566778899aabbccddeeff")).hex();
                s.execute("INSERT INTO token(key) VALUES ('" + key + "')");
                s.execute("INSERT INTO event VALUES (" + NOW.minusSeconds(80).toEpochMilli() + ", 1, 'https://api.chatie.io', 'CHECK',"
                        + " 'RESOLVED', '203.0.113.7:8788', 12)");
            }
        }
        try (HistoryStore store = open(Retention.DEFAULT, NOW)) {
            assertEquals(Migrations.LATEST, Migrations.version(store.connection()));
            List<Event> events = store.events(store.idOf(ONE), NOW.minusSeconds(3600), NOW);
            assertEquals(1, events.size());
            assertEquals(Optional.of(Duration.ofMillis(12)), events.get(0).latency());
            try (Statement s = store.connection().createStatement();
                 ResultSet r = s.executeQuery("SELECT origin FROM run ORDER BY id")) {
                assertTrue(r.next());
                assertEquals("window", r.getString(1));
            }
            assertEquals(2, store.runs(NOW.minusSeconds(3600), NOW, NOW).size());
        }
    }

    @Test
    void aFileFromANewerTokenDeskIsLeftAlone() throws Exception {
        try (HistoryStore store = open(Retention.DEFAULT, NOW); Statement s = store.connection().createStatement()) {
            s.execute("INSERT INTO schema_version VALUES (99, 0)");
        }
        HistoryOpen open = HistoryStore.open(dir.resolve("history.db"), Retention.DEFAULT, "window", NOW);
        assertEquals(HistoryOpen.Why.TOO_NEW, assertInstanceOf(HistoryOpen.Unavailable.class, open).why());
        assertEquals(List.of(), sideFiles("history.db.unreadable"));
        assertTrue(Files.exists(dir.resolve("history.db")));
    }

    @Test
    void aCorruptFileIsSetAsideWithATimestampAndANewOneStarted() throws Exception {
        Path file = dir.resolve("history.db");
        byte[] garbage = "this is not a database, it is a shopping list ".repeat(200).getBytes();
        Files.write(file, garbage);

        HistoryOpen open = HistoryStore.open(file, Retention.DEFAULT, "window", NOW);

        HistoryOpen.StartedAfresh afresh = assertInstanceOf(HistoryOpen.StartedAfresh.class, open);
        try (HistoryStore store = afresh.store()) {
            assertTrue(afresh.movedTo().getFileName().toString().matches("history\\.db\\.unreadable-\\d{8}-\\d{6}.*"),
                    afresh.movedTo().toString());
            assertEquals(List.of((Object) garbage.length), List.of((Object) (int) Files.size(afresh.movedTo())));
            store.write(List.of(resolved(ONE, NOW)), NOW);
            assertEquals(1, store.eventCount());
        }
    }

    @Test
    void aDatabaseDamagedInsideIsSetAsideToo() throws Exception {
        Path file = dir.resolve("history.db");
        try (HistoryStore store = open(Retention.DEFAULT, NOW)) {
            List<Observed> many = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                many.add(resolved(ONE, NOW.minusSeconds(i)));
            }
            store.write(many, NOW);
            try (Statement s = store.connection().createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        // Keep the header (so SQLite opens it), scribble over the pages behind it.
        for (int i = 4096; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(file, bytes);

        assertInstanceOf(HistoryOpen.StartedAfresh.class, HistoryStore.open(file, Retention.DEFAULT, "window", NOW));
    }

    @Test
    void theFileIsOwnerOnlyAndHoldsNoWholeToken() throws Exception {
        try (HistoryStore store = open(Retention.DEFAULT, NOW)) {
            List<Observed> events = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                events.add(resolved(i % 2 == 0 ? ONE : TWO, NOW.minusSeconds(i)));
            }
            store.write(events, NOW);
            for (Path f : sideFiles("history.db")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
            // While open the newest pages are in the -wal file: scan that too.
            TokenLeaks.of(ONE, TWO).assertNoneUnder(dir);
        }
        TokenLeaks.of(ONE, TWO).assertNoneUnder(dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("history.db").getParent())));
    }

    private List<Path> sideFiles(String prefix) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }
}
