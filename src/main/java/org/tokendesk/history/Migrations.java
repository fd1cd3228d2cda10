package org.tokendesk.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The history file's schema, one step per version, applied in order inside a transaction each and
 * noted in {@code schema_version}: a handful of statements, for which a migration library would add
 * jars and start-up work for nothing.
 */
final class Migrations {
    static final List<List<String>> STEPS = List.of(
            // 1: the first schema.
            List.of(
                    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                    "CREATE TABLE token(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)",
                    "CREATE TABLE event(at INTEGER NOT NULL, token INTEGER NOT NULL REFERENCES token(id), registry TEXT NOT NULL,"
                            + " source TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL, latency_ms INTEGER)",
                    "CREATE INDEX event_by_token ON event(token, at)",
                    "CREATE TABLE run(id INTEGER PRIMARY KEY, started INTEGER NOT NULL, last_seen INTEGER NOT NULL, stopped INTEGER)"),
            // 2: which face of TokenDesk ran (window, check, watch); retention deletes by time.
            List.of(
                    "ALTER TABLE run ADD COLUMN origin TEXT NOT NULL DEFAULT 'window'",
                    "CREATE INDEX event_by_time ON event(at)"));

    static final int LATEST = STEPS.size();

    private Migrations() {
    }

    /** The version the file was at before; throws {@link TooNew} for a file from a newer TokenDesk. */
    static int migrate(Connection c, long now) throws SQLException {
        return migrate(c, now, LATEST);
    }

    /** Up to {@code target} only: tests make files of older versions with it. */
    static int migrate(Connection c, long now, int target) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL, applied_at INTEGER NOT NULL)");
        }
        int before = version(c);
        if (before > LATEST) {
            throw new TooNew(before);
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (int v = before + 1; v <= target; v++) {
                try (Statement s = c.createStatement()) {
                    for (String sql : STEPS.get(v - 1)) {
                        s.execute(sql);
                    }
                    s.execute("INSERT INTO schema_version VALUES (" + v + ", " + now + ")");
                }
                c.commit();
            }
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return before;
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /** The file was written by a newer TokenDesk: left alone, not set aside. */
    static final class TooNew extends SQLException {
        final int version;

        TooNew(int version) {
            super("history file is at schema version " + version + ", this TokenDesk knows up to " + LATEST);
            this.version = version;
        }
    }
}
