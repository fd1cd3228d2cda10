package org.tokendesk.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import org.tokendesk.Version;
import org.tokendesk.store.AppHome;
import org.tokendesk.token.Token;

/**
 * The app's log: java.util.logging (which the app and its libraries log through) goes to
 * {@code tokendesk.log} in the per-user log folder, rotated at 1 MiB with 5 files kept, owner-only,
 * tokens masked. Messages written before {@link #install} go to the console only.
 */
public final class Logs implements AutoCloseable {
    public static final long FILE_LIMIT = 1024 * 1024;
    public static final int FILES_KEPT = 5;
    public static final String FILE_NAME = "tokendesk";
    private static final AtomicReference<Logs> INSTALLED = new AtomicReference<>();

    private final Path folder;
    private final Redactor redactor;
    private final RotatingLogFile file;
    private final Logger root;
    private final List<Formatter> consoleFormatters;

    private Logs(Path folder, Redactor redactor, RotatingLogFile file, Logger root, List<Formatter> consoleFormatters) {
        this.folder = folder;
        this.redactor = redactor;
        this.file = file;
        this.root = root;
        this.consoleFormatters = consoleFormatters;
    }

    /** Installs the log file in {@code home.logs()}. Does file I/O: call it off the JavaFX thread. */
    public static Logs install(AppHome home) throws IOException {
        return install(home.logs(), FILE_LIMIT, FILES_KEPT, Level.INFO);
    }

    /**
     * Resolves the home and installs the log on a background thread, so start-up does no log I/O
     * before the first frame.
     */
    public static CompletableFuture<Logs> installInBackground(Supplier<AppHome> home) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return install(home.get());
            } catch (IOException e) {
                Logger.getLogger(Logs.class.getName()).log(Level.WARNING, "no log file, logging to the console only", e);
                throw new UncheckedIOException(e);
            }
        }, runnable -> {
            Thread t = new Thread(runnable, "tokendesk-log-setup");
            t.setDaemon(true);
            t.start();
        });
    }

    static Logs install(Path folder, long limit, int keep, Level level) throws IOException {
        Redactor redactor = new Redactor();
        RotatingLogFile file = new RotatingLogFile(folder, FILE_NAME, limit, keep);
        RedactingFormatter formatter = new RedactingFormatter(redactor);
        file.setFormatter(formatter);
        file.setLevel(level);
        Logger root = LogManager.getLogManager().getLogger("");
        // The console gets the same masking: a CLI run or a terminal launch prints there.
        List<Formatter> previous = new ArrayList<>();
        for (Handler h : root.getHandlers()) {
            previous.add(h.getFormatter());
            h.setFormatter(formatter);
        }
        if (root.getLevel() == null || root.getLevel().intValue() > level.intValue()) {
            root.setLevel(level);
        }
        root.addHandler(file);
        Logs logs = new Logs(folder, redactor, file, root, previous);
        INSTALLED.set(logs);
        Logger.getLogger(Logs.class.getName()).info(() -> "TokenDesk " + Version.current() + " on Java " + System.getProperty("java.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return logs;
    }

    /** The log installed in this process, if any: where Help → Open log folder and token masking find it. */
    public static Optional<Logs> installed() {
        return Optional.ofNullable(INSTALLED.get());
    }

    /** The folder for Help → Open log folder. */
    public Path folder() {
        return folder;
    }

    /** The file being written now. */
    public Path currentFile() {
        return file.current();
    }

    /** Masks this token in every later log line, whatever its shape. */
    public void remember(Token token) {
        redactor.remember(token);
    }

    public void forget(Token token) {
        redactor.forget(token);
    }

    public Redactor redactor() {
        return redactor;
    }

    /** Takes the log file out of java.util.logging again (tests, shutdown). */
    @Override
    public void close() {
        INSTALLED.compareAndSet(this, null);
        root.removeHandler(file);
        file.close();
        Handler[] handlers = root.getHandlers();
        for (int i = 0; i < handlers.length && i < consoleFormatters.size(); i++) {
            if (consoleFormatters.get(i) != null) {
                handlers[i].setFormatter(consoleFormatters.get(i));
            }
        }
    }
}
