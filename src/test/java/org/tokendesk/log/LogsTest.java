package org.tokendesk.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.store.AppHome;
import org.tokendesk.token.Token;

class LogsTest {
    private static final String TOKEN = "puppet_padlocal_5c0c4c34-9b1f-4c8e-a3d2-7f1e2d3c4b5a";

    @TempDir
    Path home;

    @Test
    void writesLibraryLogsToTheHomesLogFolderWithTokensMasked() throws IOException {
        Logger library = Logger.getLogger("okhttp3.OkHttpClient");
        try (Logs logs = Logs.install(AppHome.at(home))) {
            assertEquals(home.toAbsolutePath().resolve("logs"), logs.folder());
            assertEquals(logs, Logs.installed().orElseThrow());
            logs.remember(Token.of("provider-secret-42"));
            library.info("resolving " + TOKEN);
            library.log(Level.WARNING, "lookup failed", new IllegalStateException("no host for " + TOKEN + " (provider-secret-42)"));
            library.log(Level.INFO, "parameter {0}", TOKEN);

            String text = Files.readString(logs.currentFile(), StandardCharsets.UTF_8);
            assertTrue(text.contains("INFO org.tokendesk.log.Logs: TokenDesk "), "says what runs: " + text);
            assertTrue(text.contains("INFO okhttp3.OkHttpClient: resolving " + Token.mask(TOKEN)), text);
            assertTrue(text.contains("IllegalStateException: no host for " + Token.mask(TOKEN)), text);
            assertTrue(text.contains("at org.tokendesk.log.LogsTest"), "stack traces are kept: " + text);
            assertFalse(text.contains("9b1f-4c8e"), text);
            assertFalse(text.contains("provider-secret-42"), text);
        }
        assertTrue(Logs.installed().isEmpty());
        library.info("after close " + TOKEN);
        assertFalse(Files.readString(home.resolve("logs/tokendesk.log")).contains("after close"));
    }

    @Test
    void rotatesBySizeKeepingAFewFiles() throws IOException {
        Path dir = home.resolve("logs");
        RotatingLogFile file = new RotatingLogFile(dir, "tokendesk", 300, 3);
        file.setFormatter(new RedactingFormatter(new Redactor()));
        for (int i = 0; i < 40; i++) {
            file.publish(new LogRecord(Level.INFO, String.format("record %02d %s", i, "x".repeat(40))));
        }
        file.close();

        assertEquals(List.of("tokendesk.1.log", "tokendesk.2.log", "tokendesk.log"), names(dir));
        for (String name : names(dir)) {
            assertTrue(Files.size(dir.resolve(name)) <= 300, name + " is " + Files.size(dir.resolve(name)) + " bytes");
        }
        String newest = Files.readString(dir.resolve("tokendesk.log"));
        assertTrue(newest.contains("record 39"), newest);
        String oldest = Files.readString(dir.resolve("tokendesk.2.log"));
        assertFalse(oldest.contains("record 00"), "the oldest records are gone: " + oldest);
    }

    @Test
    void appendsToTheFileItFindsAndStillRotatesAtTheLimit() throws IOException {
        Path dir = home.resolve("logs");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tokendesk.log"), "y".repeat(250) + "\n");
        RotatingLogFile file = new RotatingLogFile(dir, "tokendesk", 300, 2);
        file.setFormatter(new RedactingFormatter(new Redactor()));
        file.publish(new LogRecord(Level.INFO, "z".repeat(80)));
        file.close();
        assertTrue(Files.readString(dir.resolve("tokendesk.1.log")).startsWith("yyyy"));
        assertTrue(Files.readString(dir.resolve("tokendesk.log")).contains("zzzz"));
    }

    @Test
    void filesAndFolderAreOwnerOnlyAlsoAfterRotationAndWhenTheyWereOpen() throws IOException {
        Path dir = home.resolve("logs");
        assumeTrue(home.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.writeString(dir.resolve("tokendesk.log"), "older line\n");
        Files.setPosixFilePermissions(dir.resolve("tokendesk.log"), PosixFilePermissions.fromString("rw-r--r--"));

        RotatingLogFile file = new RotatingLogFile(dir, "tokendesk", 120, 4);
        file.setFormatter(new RedactingFormatter(new Redactor()));
        for (int i = 0; i < 10; i++) {
            file.publish(new LogRecord(Level.INFO, "line " + i + " " + "p".repeat(50)));
        }
        file.close();

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        List<String> names = names(dir);
        assertEquals(4, names.size(), names.toString());
        for (String name : names) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))), name);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
