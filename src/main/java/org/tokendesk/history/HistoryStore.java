package org.tokendesk.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import org.tokendesk.store.AtomicFile;
import org.tokendesk.token.Token;

/**
 * The history file: SQLite in WAL mode, so a killed process loses at most the batch it was writing.
 * Not thread-safe: {@link History} gives it one thread. Tokens are kept as {@link TokenId}s only.
 */
public final class HistoryStore implements AutoCloseable {
    private static final int BUSY_TIMEOUT_MS = 5_000;
    private static final long NO_RUN = -1;

    private final Path file;
    private final Connection db;
    private final byte[] salt;
    private final Retention retention;
    private final Map<TokenId, Long> rowIds = new HashMap<>();
    private final long run;

    private HistoryStore(Path file, Connection db, byte[] salt, Retention retention, long run) {
        this.file = file;
        this.db = db;
        this.salt = salt;
        this.retention = retention;
        this.run = run;
    }

    /**
     * Opens (or makes) the file and starts a run of {@code origin} at {@code now} (none when null: a
     * reader such as {@code tokendesk history} is not watching anything). A file that is not a
     * database or fails its check is set aside with a timestamp and a new one started.
     */
    public static HistoryOpen open(Path file, Retention retention, String origin, Instant now) {
        try {
            AtomicFile.createPrivateDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            return new HistoryOpen.Unavailable(HistoryOpen.Why.IO, e.toString());
        }
        try {
            return new HistoryOpen.Opened(connect(file, retention, origin, now));
        } catch (Migrations.TooNew e) {
            return new HistoryOpen.Unavailable(HistoryOpen.Why.TOO_NEW, e.getMessage());
        } catch (SQLException e) {
            if (!unusable(e)) {
                return new HistoryOpen.Unavailable(busy(e) ? HistoryOpen.Why.LOCKED : HistoryOpen.Why.IO, e.getMessage());
            }
            return startAfresh(file, retention, origin, now, e.getMessage());
        } catch (IOException e) {
            return new HistoryOpen.Unavailable(HistoryOpen.Why.IO, e.toString());
        }
    }

    private static HistoryOpen startAfresh(Path file, Retention retention, String origin, Instant now, String reason) {
        try {
            Path movedTo = AtomicFile.setAside(file, "unreadable");
            for (String suffix : List.of("-wal", "-shm")) {
                Path side = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(side)) {
                    Files.move(side, movedTo.resolveSibling(movedTo.getFileName() + suffix));
                }
            }
            return new HistoryOpen.StartedAfresh(connect(file, retention, origin, now), movedTo, reason);
        } catch (IOException | SQLException e) {
            return new HistoryOpen.Unavailable(HistoryOpen.Why.IO, e.getMessage());
        }
    }

    private static HistoryStore connect(Path file, Retention retention, String origin, Instant now) throws SQLException, IOException {
        createOwnerOnly(file);
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
                try (ResultSet r = s.executeQuery("PRAGMA quick_check")) {
                    String verdict = r.next() ? r.getString(1) : "";
                    if (!"ok".equals(verdict)) {
                        throw new SQLiteException("quick_check: " + verdict, SQLiteErrorCode.SQLITE_CORRUPT);
                    }
                }
                // Set before the first table exists, so that deleting old events can give the space back.
                s.execute("PRAGMA auto_vacuum=INCREMENTAL");
                s.execute("PRAGMA journal_mode=WAL");
                // In WAL mode NORMAL survives a killed process; only a power cut may lose the last commits.
                s.execute("PRAGMA synchronous=NORMAL");
            }
            Migrations.migrate(db, now.toEpochMilli());
            byte[] salt = salt(db);
            long run = NO_RUN;
            if (origin != null) {
                run = startRun(db, origin, now);
            }
            HistoryStore store = new HistoryStore(file, db, salt, retention, run);
            store.prune(now);
            return store;
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static long startRun(Connection db, String origin, Instant now) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO run(started, last_seen, origin) VALUES (?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setLong(1, now.toEpochMilli());
            p.setLong(2, now.toEpochMilli());
            p.setString(3, origin);
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (Files.exists(file) || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        // SQLite gives its -wal and -shm files the main file's permissions.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    private static byte[] salt(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'salt'")) {
            if (r.next()) {
                return HexFormat.of().parseHex(r.getString(1));
            }
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        try (PreparedStatement p = db.prepareStatement("INSERT INTO meta VALUES ('salt', ?)")) {
            p.setString(1, HexFormat.of().formatHex(salt));
            p.executeUpdate();
        }
        return salt;
    }

    private static boolean unusable(SQLException e) {
        if (e instanceof SQLiteException s) {
            int primary = s.getResultCode().code & 0xff;
            return primary == SQLiteErrorCode.SQLITE_CORRUPT.code || primary == SQLiteErrorCode.SQLITE_NOTADB.code;
        }
        return false;
    }

    private static boolean busy(SQLException e) {
        if (e instanceof SQLiteException s) {
            int primary = s.getResultCode().code & 0xff;
            return primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
        }
        return false;
    }

    public Path file() {
        return file;
    }

    public TokenId idOf(Token token) {
        return TokenId.of(token, salt);
    }

    /** Writes a batch in one transaction, and notes that this run was alive at {@code now}. */
    public void write(List<Observed> batch, Instant now) throws SQLException {
        db.setAutoCommit(false);
        try (PreparedStatement p = db.prepareStatement("INSERT INTO event VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Observed o : batch) {
                Event e = o.event();
                p.setLong(1, e.at().toEpochMilli());
                p.setLong(2, rowId(idOf(o.token())));
                p.setString(3, e.registry());
                p.setString(4, e.source().name());
                p.setString(5, e.kind().name());
                p.setString(6, e.detail());
                if (e.latency().isPresent()) {
                    p.setLong(7, e.latency().get().toMillis());
                } else {
                    p.setNull(7, java.sql.Types.INTEGER);
                }
                p.addBatch();
            }
            p.executeBatch();
            seen(now);
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    /** The heartbeat: a run killed without a clean stop ends at its last one. */
    public void seen(Instant now) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE run SET last_seen = MAX(last_seen, ?) WHERE id = ?")) {
            p.setLong(1, now.toEpochMilli());
            p.setLong(2, run);
            p.executeUpdate();
        }
    }

    private long rowId(TokenId id) throws SQLException {
        Long known = rowIds.get(id);
        if (known != null) {
            return known;
        }
        try (PreparedStatement p = db.prepareStatement("INSERT OR IGNORE INTO token(key) VALUES (?)")) {
            p.setString(1, id.hex());
            p.executeUpdate();
        }
        long rowId = lookUp(id).orElseThrow();
        rowIds.put(id, rowId);
        return rowId;
    }

    private Optional<Long> lookUp(TokenId id) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT id FROM token WHERE key = ?")) {
            p.setString(1, id.hex());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The token's events from {@code from} to {@code to}, oldest first, led by the last one before {@code from} if any. */
    public List<Event> events(TokenId id, Instant from, Instant to) throws SQLException {
        Optional<Long> token = lookUp(id);
        List<Event> events = new ArrayList<>();
        if (token.isEmpty()) {
            return events;
        }
        String columns = "SELECT at, registry, source, kind, detail, latency_ms FROM event WHERE token = ? ";
        try (PreparedStatement p = db.prepareStatement(columns + "AND at < ? ORDER BY at DESC LIMIT 1")) {
            p.setLong(1, token.get());
            p.setLong(2, from.toEpochMilli());
            read(p, events);
        }
        try (PreparedStatement p = db.prepareStatement(columns + "AND at >= ? AND at <= ? ORDER BY at, rowid")) {
            p.setLong(1, token.get());
            p.setLong(2, from.toEpochMilli());
            p.setLong(3, to.toEpochMilli());
            read(p, events);
        }
        return events;
    }

    private static void read(PreparedStatement p, List<Event> into) throws SQLException {
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                Source source;
                StateKind kind;
                try {
                    source = Source.valueOf(r.getString(3));
                    kind = StateKind.valueOf(r.getString(4));
                } catch (IllegalArgumentException newer) {
                    continue;
                }
                long latency = r.getLong(6);
                Optional<Duration> took = r.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(latency));
                into.add(new Event(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), source, kind, r.getString(5), took));
            }
        }
    }

    /** Runs that overlap {@code from}..{@code to}; this store's own run ends at {@code now}. */
    public List<Run> runs(Instant from, Instant to, Instant now) throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement(
                "SELECT id, started, last_seen, stopped FROM run WHERE started <= ? AND MAX(last_seen, COALESCE(stopped, 0)) >= ?"
                        + " ORDER BY started")) {
            p.setLong(1, to.toEpochMilli());
            p.setLong(2, from.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long stopped = r.getLong(4);
                    boolean clean = !r.wasNull();
                    Instant end = r.getLong(1) == run ? now : Instant.ofEpochMilli(clean ? Math.max(stopped, r.getLong(3)) : r.getLong(3));
                    runs.add(new Run(Instant.ofEpochMilli(r.getLong(2)), end, clean));
                }
            }
        }
        return runs;
    }

    /** Every token id that has events, for {@code watch --all} style listings. */
    public int eventCount() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM event")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /** Drops what retention no longer keeps: events and runs past the age, then the oldest while over the size. Returns events deleted. */
    public int prune(Instant now) throws SQLException {
        long cutoff = now.minus(retention.keep()).toEpochMilli();
        int deleted;
        try (Statement s = db.createStatement()) {
            deleted = s.executeUpdate("DELETE FROM event WHERE at < " + cutoff);
            s.executeUpdate("DELETE FROM run WHERE MAX(last_seen, COALESCE(stopped, 0)) < " + cutoff + " AND id <> " + run);
        }
        for (int round = 0; round < 8 && usedBytes() > retention.maxBytes(); round++) {
            int count = eventCount();
            if (count == 0) {
                break;
            }
            try (Statement s = db.createStatement()) {
                deleted += s.executeUpdate("DELETE FROM event WHERE rowid IN (SELECT rowid FROM event ORDER BY at LIMIT "
                        + Math.max(1, count / 4) + ")");
            }
        }
        if (deleted > 0) {
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA incremental_vacuum");
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
        return deleted;
    }

    /** Bytes in use by pages that hold data (free pages are given back by the next vacuum). */
    public long usedBytes() throws SQLException {
        try (Statement s = db.createStatement()) {
            long pages = single(s, "PRAGMA page_count");
            long free = single(s, "PRAGMA freelist_count");
            long size = single(s, "PRAGMA page_size");
            return (pages - free) * size;
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /** Ends this run cleanly at {@code now}. */
    public void stop(Instant now) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE run SET stopped = ?, last_seen = MAX(last_seen, ?) WHERE id = ?")) {
            p.setLong(1, now.toEpochMilli());
            p.setLong(2, now.toEpochMilli());
            p.setLong(3, run);
            p.executeUpdate();
        }
    }

    /** Package access for tests. */
    Connection connection() {
        return db;
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
