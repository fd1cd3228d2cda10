package org.tokendesk.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.tokendesk.store.AtomicFile;

/**
 * Log records appended to {@code <name>.log}; past {@code limit} bytes it becomes
 * {@code <name>.1.log} (older ones shift up, the oldest past {@code keep} is deleted). Unlike
 * {@link java.util.logging.FileHandler}, every file it creates, rotated ones included, is
 * readable by the owner only, and it leaves no lock files behind.
 */
public final class RotatingLogFile extends Handler {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final String name;
    private final long limit;
    private final int keep;
    private FileChannel out;
    private long size;

    /**
     * @param limit bytes after which the file rotates; a record larger than that still goes whole into a file of its own
     * @param keep  how many files there are at most, the current one included
     */
    public RotatingLogFile(Path dir, String name, long limit, int keep) throws IOException {
        if (limit < 1 || keep < 1) {
            throw new IllegalArgumentException("limit and keep must be positive");
        }
        this.dir = dir;
        this.name = name;
        this.limit = limit;
        this.keep = keep;
        AtomicFile.createPrivateDirectories(dir);
        restrict(dir, OWNER_DIR);
        open();
    }

    /** The file being written now; rotated ones are {@code <name>.1.log} and up, beside it. */
    public Path current() {
        return file(0);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (out == null || !isLoggable(record)) {
            return;
        }
        String text;
        try {
            text = getFormatter().format(record);
        } catch (RuntimeException e) {
            reportError("cannot format a log record", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (size > 0 && size + bytes.length > limit) {
                rotate();
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                size += out.write(buffer);
            }
        } catch (IOException e) {
            reportError("cannot write the log file " + current(), e, ErrorManager.WRITE_FAILURE);
        }
    }

    @Override
    public void flush() {
        // Every record goes straight to the OS with write(): nothing is buffered here.
    }

    @Override
    public synchronized void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            reportError("cannot close the log file", e, ErrorManager.CLOSE_FAILURE);
        }
        out = null;
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        Files.deleteIfExists(file(keep - 1));
        for (int n = keep - 2; n >= 0; n--) {
            if (Files.exists(file(n))) {
                Files.move(file(n), file(n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        open();
    }

    private void open() throws IOException {
        Path file = current();
        if (posix(dir) && !Files.exists(file)) {
            out = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            restrict(file, OWNER_ONLY);
        }
        size = out.size();
    }

    private Path file(int generation) {
        return dir.resolve(generation == 0 ? name + ".log" : name + "." + generation + ".log");
    }

    /** Files and folders from older versions or other tools may be wider open than we make them. */
    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix(path)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
