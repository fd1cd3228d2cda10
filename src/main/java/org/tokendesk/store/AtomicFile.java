package org.tokendesk.store;

import java.io.IOException;
import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * Whole-file writes that either happen completely or not at all: a temp file beside the target,
 * flushed to disk, then moved over it atomically. On POSIX only the owner may read what is written,
 * because these files hold secrets.
 */
public final class AtomicFile {
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private AtomicFile() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /** Writes what {@code content} produces; if it throws, the target keeps its old content and no temp file is left. */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        createPrivateDirectories(dir);
        Path temp = posix(dir)
                ? Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                // Writers such as Jackson close the stream they are given; the channel must stay open for force().
                OutputStream out = new FilterOutputStream(Channels.newOutputStream(ch)) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        this.out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Produces a file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Moves a file that could not be read out of the way, to {@code <name>.<why>-<timestamp>}, so
     * that the next save does not overwrite what the user had. An existing file is never replaced.
     */
    public static Path setAside(Path file, String why) throws IOException {
        for (int n = 1; ; n++) {
            try {
                Path moved = Files.move(file, asideName(file, why, n));
                // It may hold tokens, and it kept whatever mode it had (perhaps world-readable).
                ownerOnly(moved, OWNER_FILE);
                return moved;
            } catch (FileAlreadyExistsException e) {
                // Two in the same second: take the next number.
            }
        }
    }

    /** Copies a file aside, owner-only like the original should be, keeping the original in place. */
    public static Path copyAside(Path file, String why) throws IOException {
        byte[] content = Files.readAllBytes(file);
        for (int n = 1; ; n++) {
            Path aside = asideName(file, why, n);
            try {
                Path created = posix(aside)
                        ? Files.createFile(aside, PosixFilePermissions.asFileAttribute(OWNER_FILE))
                        : Files.createFile(aside);
                Files.write(created, content, StandardOpenOption.TRUNCATE_EXISTING);
                return created;
            } catch (FileAlreadyExistsException e) {
                // Two in the same second: take the next number.
            }
        }
    }

    private static Path asideName(Path file, String why, int n) {
        String name = file.getFileName() + "." + why + "-" + LocalDateTime.now().format(STAMP);
        return file.resolveSibling(n == 1 ? name : name + "-" + n);
    }

    public static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            // A folder made by an older TokenDesk, or by hand, is tightened too.
            ownerOnly(dir, OWNER_DIR);
            return;
        }
        if (posix(dir)) {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_DIR);
            Files.createDirectories(dir, attr);
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Best effort: where modes are not POSIX, or the file is not ours to change, it stays as it is. */
    private static void ownerOnly(Path path, Set<PosixFilePermission> mode) {
        if (!posix(path)) {
            return;
        }
        try {
            if (!Files.getPosixFilePermissions(path).equals(mode)) {
                Files.setPosixFilePermissions(path, mode);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not ours (another user's folder given as TOKENDESK_HOME): left alone
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename itself durable on Linux; other systems refuse to open a directory, which is fine.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }
}
