package org.tokendesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.token.Token;

/** What holds tokens, or may, is the owner's only: files moved aside, and the folder itself (POSIX). */
class OwnerOnlyTest {
    @TempDir
    Path root;
    private Path home;

    @BeforeEach
    void worldReadableHome() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(root.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX modes only");
        home = Files.createDirectory(root.resolve("config"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aTokenListMovedAsideIsOwnerOnly() throws IOException {
        Path file = Files.writeString(home.resolve("tokens.json"), "{\"tokens\": [\"insecure_half");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        StoreLoad.SetAside aside = assertInstanceOf(StoreLoad.SetAside.class, new TokenStore(file).load());
        assertEquals("rw-------", mode(aside.movedTo()));
    }

    @Test
    void settingsMovedAsideAreOwnerOnly() throws IOException {
        Path file = Files.writeString(home.resolve("settings.json"), "{oops");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        SettingsLoad.SetAside aside = assertInstanceOf(SettingsLoad.SetAside.class, new SettingsStore(file, Map.of()).read());
        assertEquals("rw-------", mode(aside.movedTo()));
    }

    @Test
    void anExistingConfigFolderIsTightenedOnSave() throws IOException {
        new TokenStore(home.resolve("tokens.json")).save(List.of(SavedToken.added(Token.of("insecure_owner-only-0123456789"), Instant.EPOCH)));
        assertEquals("rwx------", mode(home));
        assertEquals("rw-------", mode(home.resolve("tokens.json")));
    }
}
