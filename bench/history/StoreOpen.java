import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Measures, in a fresh JVM, what the history store costs before its first event is on disk:
 * loading the driver, opening (creating) the file, creating the table, one committed insert.
 * {@code write-loop} keeps inserting small batches until killed (for the kill -9 runs);
 * {@code count} opens the file after such a kill and prints the rows and the integrity check.
 * Usage: java -cp DRIVER.jar:. StoreOpen sqlite|h2 open|write-loop|count FILE
 */
public final class StoreOpen {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        String kind = args[0];
        String mode = args[1];
        Path file = Path.of(args[2]);
        String url = kind.equals("sqlite") ? "jdbc:sqlite:" + file : "jdbc:h2:" + file.toString().replaceAll("\\.mv\\.db$", "");
        try (Connection c = DriverManager.getConnection(url)) {
            long opened = System.nanoTime();
            try (Statement s = c.createStatement()) {
                if (kind.equals("sqlite")) {
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=NORMAL");
                }
                s.execute("CREATE TABLE IF NOT EXISTS event (at BIGINT NOT NULL, token_id VARCHAR(64) NOT NULL, kind VARCHAR(32) NOT NULL, latency_ms INT)");
            }
            if (mode.equals("count")) {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM event")) {
                    r.next();
                    System.out.print("rows=" + r.getLong(1));
                }
                if (kind.equals("sqlite")) {
                    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                        r.next();
                        System.out.print(" integrity=" + r.getString(1));
                    }
                }
                System.out.println();
                return;
            }
            c.setAutoCommit(false);
            long batches = 0;
            do {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO event VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < 50; i++) {
                        p.setLong(1, System.currentTimeMillis());
                        p.setString(2, "0123456789abcdef0123456789abcdef");
                        p.setString(3, "RESOLVED");
                        p.setInt(4, i);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                c.commit();
                batches++;
                if (batches == 1 && mode.equals("open")) {
                    long written = System.nanoTime();
                    System.out.printf("%s driver+open %.0f ms, first committed write %.0f ms after main()%n", kind,
                            (opened - t0) / 1e6, (written - t0) / 1e6);
                }
                if (mode.equals("write-loop") && batches == 1) {
                    System.out.println("writing");
                    System.out.flush();
                }
            } while (mode.equals("write-loop") && batches < 2_000_000);
        }
    }
}
