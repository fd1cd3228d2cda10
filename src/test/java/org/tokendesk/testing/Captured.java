package org.tokendesk.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What a test's code prints and logs: System.out and System.err, and every java.util.logging record
 * down to a level, formatted plainly (not through the app's masking log formatter, so that a message
 * that holds a token is caught even where the app's log would mask it). Records of the test's own
 * servers are left out: they are the far side of the wire and are sent the token.
 */
public final class Captured implements AutoCloseable {
    private static final List<String> FAR_SIDE = List.of("com.sun.net.httpserver", "org.eclipse.jetty", "io.grpc");

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<String> records = new ArrayList<>();
    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;
    private final Logger root = Logger.getLogger("");
    private final Level rootLevel = root.getLevel();
    private final Handler handler;

    private Captured(Level level) {
        PrintStream both = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        SimpleFormatter format = new SimpleFormatter();
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String logger = String.valueOf(record.getLoggerName());
                if (FAR_SIDE.stream().noneMatch(logger::startsWith) && isLoggable(record)) {
                    synchronized (records) {
                        records.add(format.format(record));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(level);
        root.addHandler(handler);
        root.setLevel(level);
    }

    /** Starts capturing; records at {@code level} and above. */
    public static Captured start(Level level) {
        return new Captured(level);
    }

    /** Everything printed to System.out and System.err so far. */
    public String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** The records so far, one formatted record after another. */
    public List<String> logRecords() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** Puts System.out, System.err and the root logger back as they were. */
    @Override
    public void close() {
        root.removeHandler(handler);
        root.setLevel(rootLevel);
        System.setOut(stdout);
        System.setErr(stderr);
    }
}
